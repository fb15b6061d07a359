"""The individual health checks (体检), one module per area; `health.run` runs them all."""
