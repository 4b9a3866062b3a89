-- Every notification gets a delivery id of its own: a random UUID, chosen by the database when
-- the row is written and sent unchanged on every retry (X-Lookout-Delivery, the webhook's "id").
-- It used to be "n" + the row id, which a new, emptied or restored database hands out again: a
-- receiver that drops ids it has seen would drop new alerts. (V10, not V8: a database that
-- applied V9 refuses an older migration it has not applied.)
--
-- A volatile default is evaluated for each existing row, so every row gets its own UUID.
-- gen_random_uuid() is built in from PostgreSQL 13.
ALTER TABLE notifications ADD COLUMN delivery_id TEXT NOT NULL DEFAULT gen_random_uuid()::text;
ALTER TABLE notifications ADD CONSTRAINT notifications_delivery_id_key UNIQUE (delivery_id);
