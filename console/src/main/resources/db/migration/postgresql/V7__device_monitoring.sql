-- Whether each device's agent is monitoring (issue 18), PostgreSQL twin.
ALTER TABLE devices ADD COLUMN hook_registered BIGINT;   -- 1: the keyboard hook is registered; 0: it is not
ALTER TABLE devices ADD COLUMN last_signal_at BIGINT;    -- when the agent last handled a key or mouse signal
ALTER TABLE devices ADD COLUMN dead_workers TEXT;        -- the agent's workers that are not alive, one per line
