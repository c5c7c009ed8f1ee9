"""Speed, load and crash measurements that print their figures (see each module's doc)."""
