"""The settings page: language, my password, institution settings and user management."""
