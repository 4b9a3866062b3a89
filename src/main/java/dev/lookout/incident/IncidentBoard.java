package dev.lookout.incident;

import java.util.List;

/** What the status page and its API show of incidents and maintenance, for the status read model. */
public interface IncidentBoard {

    /** Incidents that are not resolved yet, newest first. */
    List<Incident> openIncidents();

    /** The most recent incidents (open or not), newest first, at most {@code limit}. */
    List<Incident> recentIncidents(int limit);

    /** Unfinished and recent maintenances, latest start first. */
    List<Maintenance> maintenances();

    /** The maintenances with the latest start (finished or not), latest first, at most {@code limit}: for the history. */
    List<Maintenance> recentMaintenances(int limit);

    /** Grows on every change, so that a cache built from this board knows when to rebuild. */
    long changes();

    /** No incidents and no maintenance (a node without them, tests of monitors only). */
    IncidentBoard NONE = new IncidentBoard() {
        @Override
        public List<Incident> openIncidents() {
            return List.of();
        }

        @Override
        public List<Incident> recentIncidents(int limit) {
            return List.of();
        }

        @Override
        public List<Maintenance> maintenances() {
            return List.of();
        }

        @Override
        public List<Maintenance> recentMaintenances(int limit) {
            return List.of();
        }

        @Override
        public long changes() {
            return 0;
        }
    };

    static IncidentBoard of(Incidents incidents, Maintenances maintenances) {
        return new IncidentBoard() {
            @Override
            public List<Incident> openIncidents() {
                return incidents.list(IncidentFilter.OPEN, Integer.MAX_VALUE);
            }

            @Override
            public List<Incident> recentIncidents(int limit) {
                return incidents.list(IncidentFilter.ALL, limit);
            }

            @Override
            public List<Maintenance> maintenances() {
                return maintenances.recent();
            }

            @Override
            public List<Maintenance> recentMaintenances(int limit) {
                return maintenances.list(limit);
            }

            @Override
            public long changes() {
                return incidents.changes() + maintenances.changes();
            }
        };
    }

    /**
     * This board, whose change count also grows with {@code elsewhere} (changes another node
     * signalled), so that caches built from it are rebuilt when any node changes something.
     */
    default IncidentBoard alsoChangedBy(java.util.function.LongSupplier elsewhere) {
        IncidentBoard board = this;
        return new IncidentBoard() {
            @Override
            public List<Incident> openIncidents() {
                return board.openIncidents();
            }

            @Override
            public List<Incident> recentIncidents(int limit) {
                return board.recentIncidents(limit);
            }

            @Override
            public List<Maintenance> maintenances() {
                return board.maintenances();
            }

            @Override
            public List<Maintenance> recentMaintenances(int limit) {
                return board.recentMaintenances(limit);
            }

            @Override
            public long changes() {
                return board.changes() + elsewhere.getAsLong();
            }
        };
    }
}
