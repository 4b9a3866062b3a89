-- The result message a ping carries: Uptime Kuma's msg= on a push URL (null for Healthchecks
-- pings, whose body is output, not a verdict). Kept with the ping so that the node deciding the
-- monitor's state, which may not be the one that received it, gives the result the same message.
ALTER TABLE pings ADD COLUMN message TEXT;
