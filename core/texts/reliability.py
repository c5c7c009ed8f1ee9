"""Texts of reliability: backups, restores, health, disk-full protection."""

TEXTS = {
    # disk guard (raised by the write guard on every write when free space is low)
    "storage.disk_full": (
        "พื้นที่ดิสก์เหลือน้อย ({free_mb} MB ต้องการอย่างน้อย {needed_mb} MB) ระบบจึงไม่บันทึกข้อมูลเพื่อป้องกันข้อมูลเสียหาย ข้อมูลเดิมยังอยู่ครบ กรุณาแจ้งผู้ดูแลระบบ",
        "The disk is nearly full ({free_mb} MB free, at least {needed_mb} MB needed), so nothing was saved to protect the data; the data is as it was. Please tell the administrator.",
    ),
    # backups
    "backup.disk_full": (
        "พื้นที่ดิสก์ไม่พอสำหรับสำรองข้อมูล (ว่าง {free_mb} MB ต้องการประมาณ {needed_mb} MB) ไม่ได้สร้างชุดสำรองใหม่",
        "Not enough disk space for a backup ({free_mb} MB free, about {needed_mb} MB needed); no backup was made.",
    ),
    "backup.failed": (
        "สำรองข้อมูลไม่สำเร็จ ลบชุดสำรองที่ไม่สมบูรณ์แล้ว ฐานข้อมูลไม่ได้รับผลกระทบ: {detail}",
        "The backup failed; the incomplete copy was removed and the database is untouched: {detail}",
    ),
    "backup.done": (
        "สำรองข้อมูลแล้ว: {name} ({tables} ตาราง {rows} แถว)",
        "Backup made: {name} ({tables} tables, {rows} rows).",
    ),
    "backup.not_found": ("ไม่พบโฟลเดอร์ชุดสำรอง {path}", "The backup folder {path} does not exist."),
    "backup.no_manifest": (
        "ชุดสำรอง {path} ไม่สมบูรณ์ (ไม่มีไฟล์ manifest.json อาจสำรองไม่เสร็จ) ใช้กู้คืนไม่ได้",
        "The backup {path} is incomplete (no manifest.json: the backup may not have finished); it cannot be restored.",
    ),
    "backup.manifest_invalid": (
        "ไฟล์ manifest.json ของชุดสำรองเสียหายหรืออ่านไม่ได้: {detail}",
        "The backup's manifest.json is damaged or unreadable: {detail}",
    ),
    "backup.file_missing": (
        "ชุดสำรองขาดไฟล์ {file} ใช้กู้คืนไม่ได้",
        "The backup lacks the file {file}; it cannot be restored.",
    ),
    "backup.checksum_mismatch": (
        "ไฟล์ {file} ในชุดสำรองเสียหายหรือถูกแก้ไข (checksum ไม่ตรง) ใช้กู้คืนไม่ได้",
        "The file {file} of the backup is damaged or was changed (checksum differs); it cannot be restored.",
    ),
    "backup.schema_too_new": (
        "ชุดสำรองมาจากโปรแกรมรุ่นใหม่กว่า (schema {found}) โปรแกรมนี้รองรับถึง {supported} กรุณาอัปเดตโปรแกรมก่อนกู้คืน",
        "The backup comes from a newer program (schema {found}); this program supports up to {supported}. Update the program before restoring.",
    ),
    "backup.row_count_mismatch": (
        "ตาราง {table} ในชุดสำรองมี {found} แถว แต่ manifest ระบุ {expected} แถว ใช้กู้คืนไม่ได้",
        "Table {table} of the backup holds {found} rows where the manifest says {expected}; it cannot be restored.",
    ),
    "backup.import_failed": (
        "อ่านชุดสำรองเข้าสู่ฐานข้อมูลทดสอบไม่สำเร็จ ฐานข้อมูลปัจจุบันไม่ได้รับผลกระทบ: {detail}",
        "The backup could not be loaded into a test database; the current database is untouched: {detail}",
    ),
    "backup.verified": (
        "ตรวจสอบชุดสำรอง {name} แล้ว: ไฟล์ครบ checksum ถูกต้อง นำเข้าได้ จำนวนแถวตรงกันทุกตาราง ({tables} ตาราง)",
        "Backup {name} verified: files complete, checksums match, it loads, and every table's row count matches ({tables} tables).",
    ),
    "backup.keep_invalid": (
        "จำนวนชุดสำรองที่เก็บต้องอยู่ระหว่าง 1 ถึง 365",
        "The number of backups kept must be between 1 and 365.",
    ),
    "backup.interval_invalid": (
        "รอบการสำรองต้องอยู่ระหว่าง 1 ถึง 168 ชั่วโมง",
        "The backup interval must be between 1 and 168 hours.",
    ),
    "backup.policy_saved": ("บันทึกกำหนดการสำรองข้อมูลแล้ว", "Backup schedule saved."),
    # restore
    "restore.app_running": (
        "ฐานข้อมูล {path} กำลังถูกใช้งานโดยโปรแกรม Pattana ที่เปิดอยู่ กรุณาหยุดโปรแกรม (และแจ้งผู้ใช้) ก่อนกู้คืน ฐานข้อมูลปัจจุบันไม่ได้รับผลกระทบ",
        "The database {path} is in use by a running Pattana; stop the app (and tell its users) before restoring. The current database is untouched.",
    ),
    "restore.app_serving": (
        "โปรแกรม Pattana ยังให้บริการอยู่ (สัญญาณล่าสุดเมื่อ {seconds} วินาทีก่อน จาก {marker}) กรุณาหยุดโปรแกรมก่อนกู้คืน ฐานข้อมูลปัจจุบันไม่ได้รับผลกระทบ",
        "Pattana is still serving (last heartbeat {seconds} s ago in {marker}); stop the app before restoring. The current database is untouched.",
    ),
    "restore.disk_full": (
        "พื้นที่ดิสก์ไม่พอสำหรับกู้คืน (ว่าง {free_mb} MB ต้องการประมาณ {needed_mb} MB) ฐานข้อมูลปัจจุบันไม่ได้รับผลกระทบ",
        "Not enough disk space to restore ({free_mb} MB free, about {needed_mb} MB needed); the current database is untouched.",
    ),
    "restore.done": (
        "กู้คืนจากชุดสำรอง {name} แล้ว ฐานข้อมูลเดิมเก็บไว้ที่ {aside}",
        "Restored from backup {name}; the previous database was kept as {aside}.",
    ),
    # health page
    "health.database": ("ฐานข้อมูล", "Database"),
    "health.db_size": ("ขนาดฐานข้อมูล", "Database size"),
    "health.wal_size": ("ขนาดไฟล์บันทึกรายการที่รอรวมเข้าฐานข้อมูล", "WAL size"),
    "health.schema": ("รุ่นโครงสร้างข้อมูล", "Schema version"),
    "health.schema_supported": ("โปรแกรมนี้รองรับถึง {latest}", "This program supports up to {latest}"),
    "health.disk_free": ("พื้นที่ดิสก์คงเหลือ", "Disk space left"),
    "health.disk_total": (
        "จากทั้งหมด {total} (หยุดรับการบันทึกเมื่อเหลือต่ำกว่า {minimum})",
        "of {total} (writes stop below {minimum})",
    ),
    "health.last_backup": ("สำรองข้อมูลล่าสุด", "Last backup"),
    "health.never": ("ยังไม่เคยสำรองข้อมูล", "No backup yet"),
    "health.age": ("{hours} ชั่วโมงที่แล้ว", "{hours} hours ago"),
    "health.warn.no_backup": (
        "ยังไม่มีชุดสำรองข้อมูลที่สมบูรณ์ กรุณากดสำรองข้อมูลตอนนี้",
        "There is no complete backup yet; please make one now.",
    ),
    "health.warn.backup_old": (
        "ชุดสำรองล่าสุดเก่ากว่า 1 วัน ({hours} ชั่วโมง) ตรวจสอบการสำรองอัตโนมัติ",
        "The last backup is more than a day old ({hours} hours); check the scheduled backups.",
    ),
    "health.warn.disk_low": (
        "พื้นที่ดิสก์ใกล้เต็ม (เหลือ {free_mb} MB) เมื่อเหลือต่ำกว่า {min_mb} MB ระบบจะหยุดรับการบันทึกข้อมูล",
        "The disk is nearly full ({free_mb} MB left); below {min_mb} MB the app stops accepting writes.",
    ),
    "health.warn.schedule_error": (
        "การสำรองอัตโนมัติครั้งล่าสุดไม่สำเร็จ: {message}",
        "The last scheduled backup failed: {message}",
    ),
    "health.ok": ("ระบบปกติ", "All is well."),
    "health.backup_now": ("สำรองข้อมูลตอนนี้", "Back up now"),
    "health.backups": ("ชุดสำรองข้อมูล", "Backups"),
    "health.backups_folder": (
        "โฟลเดอร์: {path} (เก็บ {keep} ชุดล่าสุด)",
        "Folder: {path} (the last {keep} are kept)",
    ),
    "health.verify": ("ตรวจสอบชุดสำรอง", "Verify backup"),
    "health.pick_backup": ("เลือกชุดสำรอง", "Choose a backup"),
    "health.col.name": ("ชุดสำรอง", "Backup"),
    "health.col.created": ("สร้างเมื่อ", "Created"),
    "health.col.complete": ("สมบูรณ์", "Complete"),
    "health.col.schema": ("รุ่นโครงสร้างข้อมูล", "Schema"),
    "health.col.rows": ("จำนวนแถว", "Rows"),
    "health.col.size": ("ขนาด", "Size"),
    "health.schedule": ("กำหนดการสำรองอัตโนมัติ", "Backup schedule"),
    "health.interval_hours": ("สำรองทุก (ชั่วโมง)", "Back up every (hours)"),
    "health.keep": ("จำนวนชุดสำรองที่เก็บ", "Backups to keep"),
    "health.restore_help": (
        "การกู้คืนทำได้เมื่อหยุดโปรแกรมแล้วเท่านั้น: `{command}`",
        "Restoring works only while the app is stopped: `{command}`",
    ),
}
