"""The local development plan register (แผนพัฒนาท้องถิ่น) and proposals' citations of it."""
