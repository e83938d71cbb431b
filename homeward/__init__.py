"""Homeward: permanence planning for children's services in English local authorities."""
