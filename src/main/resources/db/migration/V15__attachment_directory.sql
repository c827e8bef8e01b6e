-- With duban.attachments.directory set, an attachment's bytes are a file under that directory
-- (named by its hash) and the row keeps hash and size only.
ALTER TABLE attachment_blob ALTER COLUMN content DROP NOT NULL;
