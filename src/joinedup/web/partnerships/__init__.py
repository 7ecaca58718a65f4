"""The partnership register: partnerships, partners, members, pooled budgets."""
