-- Correlation lookups no longer probe the GiST index over stored networks (V12): "which stored networks hold this
-- address or network" is now a set of equal keys on intel_observable_by_address (the value under each of its
-- prefixes; stored networks have their host bits cleared), which a reused generic plan serves as well as one made
-- for the value, and which was cheaper than the GiST probe at 10,000,000 observables (docs/adr/006). An index no
-- query uses still costs every insert and every bulk load, so it goes. Dropped CONCURRENTLY, as intel_observable is
-- large and written by imports: Flyway runs this outside a transaction (see V13).

drop index concurrently if exists intel_observable_networks;
