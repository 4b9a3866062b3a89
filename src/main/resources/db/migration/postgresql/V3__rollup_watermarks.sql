-- The batch writer keeps the rollups of open periods in memory and writes them every
-- rollupFlushInterval. In the same transaction it records here the id of the last raw result of
-- its node that the stored rollups include; on open, results of the node above it are folded
-- into the rollups (after a crash), so that nothing is lost and nothing counted twice.
CREATE TABLE rollup_watermarks (
    node           TEXT    NOT NULL PRIMARY KEY,
    last_result_id BIGINT NOT NULL
);

-- Until now every batch wrote its rollups with its results: everything stored is folded.
INSERT INTO rollup_watermarks (node, last_result_id)
SELECT node, max(id) FROM check_results GROUP BY node;
