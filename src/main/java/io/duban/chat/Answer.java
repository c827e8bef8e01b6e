package io.duban.chat;

/** A reply's text and what it offers to tap ({@link Offer#NONE} for nothing). */
public record Answer(String text, Offer offer) {
  public Answer {
    offer = offer == null ? Offer.NONE : offer;
  }

  public static Answer text(String text) {
    return new Answer(text, Offer.NONE);
  }
}
