"""The lab beside the product: benchmarks, synthetic sites, Lighthouse runs and the ingest
evaluation. carepages never imports it."""
