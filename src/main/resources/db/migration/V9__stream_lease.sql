-- One long connection per bot for the whole cluster (WeCom 智能机器人: a newer connection pushes
-- the older one off): the instance whose lease row is current holds it and renews it; another
-- instance takes it over only once it ran out.
CREATE TABLE stream_lease (
    bot_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    holder      VARCHAR(64) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
