"""The SMS gateway and the OA webhook: each institution's own HTTP API, configured in Settings."""
