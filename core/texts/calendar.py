"""Texts of the working calendar (local holiday additions, removals and half days)."""

TEXTS = {
    "calendar.kind_invalid": ("ประเภทการปรับปฏิทินไม่ถูกต้อง", "Invalid calendar change type."),
    "calendar.name_required": ("กรุณาระบุชื่อวันหยุด/เหตุผล", "Give the holiday's name or the reason."),
    "calendar.period_required": ("กรุณาระบุช่วงเวลาที่ปิดทำการ", "Give the closed period."),
    "calendar.not_found": ("ไม่พบรายการปรับปฏิทิน", "Calendar entry not found."),
    "calendar.invalid_weekday": ("วันในสัปดาห์ไม่ถูกต้อง", "Invalid weekday."),
    "calendar.invalid_date": ("วันที่ไม่ถูกต้อง", "Invalid date."),
    "calendar.invalid_period": ("ช่วงเวลาไม่ถูกต้อง", "Invalid period."),
    "calendar.inverted_period": ("เวลาเริ่มต้องมาก่อนเวลาสิ้นสุด", "The start must come before the end."),
    "calendar.overlapping_periods": ("ช่วงเวลาซ้อนทับกับช่วงที่มีอยู่แล้ว", "The period overlaps one that exists."),
    "calendar.no_office_hours": ("ต้องมีเวลาทำการอย่างน้อยหนึ่งช่วง", "There must be some office hours."),
    "calendar.duplicate_date": ("วันนี้มีการกำหนดไว้แล้ว", "This day is entered already."),
    "calendar.missing_name": ("กรุณาระบุชื่อวันหยุด", "Give the holiday's name."),
    "calendar.added_and_removed": (
        "วันเดียวกันไม่สามารถเป็นทั้งวันหยุดเพิ่มและวันเปิดทำการได้",
        "A day cannot be both added as a holiday and opened.",
    ),
    "calendar.negative_duration": ("ระยะเวลาต้องไม่ติดลบ", "A duration cannot be negative."),
    "calendar.negative_days": ("จำนวนวันต้องไม่ติดลบ", "A number of days cannot be negative."),
    "calendar.aware_datetime": ("เวลาต้องเป็นเวลาท้องถิ่น", "Times must be local wall-clock times."),
}
