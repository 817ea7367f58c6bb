-- History ids come from a sequence. Handing them out in blocks of 1,000 (instead of 32) spares the embedded database
-- a metadata write every 32 rows; ids stay increasing, a restart may leave a gap.
ALTER TABLE message_history ALTER COLUMN id SET CACHE 1000;
