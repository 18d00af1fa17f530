"""Django-free helpers with their own tests."""
