-- The console's channels page reads each channel's newest notifications (WHERE channel_id = ?
-- ORDER BY created_at DESC, id DESC LIMIT 20): with only (channel_id, status) the database sorted
-- all of a channel's notifications to show 20 (bench/console.sh: 43-55 ms at 20,000 episodes).
CREATE INDEX notifications_channel_created ON notifications (channel_id, created_at, id);
