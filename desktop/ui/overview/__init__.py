"""Read-only pages whose actions arrive with later capabilities: reports and archive; and the list
models shared with other pages."""
