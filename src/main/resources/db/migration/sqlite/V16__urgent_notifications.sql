-- The mass-failure guard's message goes before anything else on its channels: an urgent row is
-- claimed before the others and outside the channel's group window.
ALTER TABLE notifications ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
