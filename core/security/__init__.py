"""Security: sign-in throttling, server-side sessions, the client key behind proxies, text
sanitising at the edge, and the PDPA duties the system does itself."""
