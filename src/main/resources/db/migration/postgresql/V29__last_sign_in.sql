-- When each user last signed in (epoch ms; password, password and code, or single sign-on), kept
-- on the user: it was read from their newest session, and was lost when their sessions ended and
-- were deleted. Set with every new session; the sessions kept now give the first values.
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;
UPDATE users SET last_sign_in_at = (SELECT MAX(created_at) FROM sessions WHERE sessions.user_id = users.id);
