-- A vantage point's own result (issue 14): the server's result of a monitor checked from several
-- vantage points, stored by the node that owns the monitor in the batch that stores the combined
-- result, so that every node of a cluster shows each vantage point. NULL for the monitor's own
-- results (combined or not), which alone count in its uptime, latency and newest result. A probe's
-- results are told apart by probe_seq (V20), under the probe's name.
ALTER TABLE check_results ADD COLUMN vantage TEXT;
