"""Downloads too big to build inside a request (the drift dashboard's files, the board reports),
prepared by a background task as the person who asked, and kept for a day."""
