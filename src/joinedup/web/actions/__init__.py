"""Actions: who will do what, by when, about what the partnership found."""
