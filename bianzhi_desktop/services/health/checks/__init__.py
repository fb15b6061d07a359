"""The individual health checks (体检), one module per area; `services.health_check` runs them all."""
