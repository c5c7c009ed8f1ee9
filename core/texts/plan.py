"""Texts of the local development plan register and proposals' citations of it (issue 19)."""

TEXTS = {
    "page.plan": ("แผนพัฒนาท้องถิ่น", "Local development plan"),
    "nav.section.assess": ("แผนและการประเมิน", "Plan and assessments"),
    "plan.field.strategy": ("ยุทธศาสตร์", "strategy"),
    "plan.field.programme": ("แผนงาน", "programme"),
    "plan.field.line_no": ("ลำดับที่", "number"),
    "plan.field.title": ("ชื่อโครงการ", "project"),
    "plan.field.unit": ("หน่วยงานรับผิดชอบ", "responsible unit"),
    "plan.bad_year": ("ปี พ.ศ. {year} ไม่ถูกต้อง", "The B.E. year {year} is not valid."),
    "plan.not_five_years": (
        "แผนพัฒนาท้องถิ่นต้องครอบคลุม 5 ปี (พ.ศ. {first}-{last} ไม่ใช่ 5 ปี)",
        "A local development plan covers 5 years ({first}-{last} is not).",
    ),
    "plan.bad_kind": ("ประเภทของแผนไม่ถูกต้อง", "Unknown kind of plan."),
    "plan.base_exists": (
        "มีแผนพัฒนาท้องถิ่น พ.ศ. {first}-{last} อยู่แล้ว ให้เพิ่มเติมหรือเปลี่ยนแปลงแทน",
        "The plan {first}-{last} exists already; add an addition or change instead.",
    ),
    "plan.no_base": (
        "ยังไม่มีแผนพัฒนาท้องถิ่น พ.ศ. {first}-{last} จึงเพิ่มเติม/เปลี่ยนแปลงไม่ได้",
        "There is no plan {first}-{last} to add to or change.",
    ),
    "plan.edition_not_found": ("ไม่พบแผนพัฒนาท้องถิ่นฉบับนี้", "This plan edition was not found."),
    "plan.line_not_found": ("ไม่พบโครงการนี้ในแผนพัฒนาท้องถิ่น", "This plan line was not found."),
    "plan.proposal_not_found": ("ไม่พบข้อเสนอโครงการนี้", "This proposal was not found."),
    "plan.line_cited_twice": (
        "โครงการลำดับที่ {line} ในแผนถูกอ้างอิงโดยข้อเสนอ {other} แล้ว หนึ่งโครงการในแผนอ้างอิงได้เพียงข้อเสนอเดียว",
        "Plan line {line} is already cited by proposal {other}; "
        "a plan line can be cited by one proposal only.",
    ),
    "plan.note_required": (
        "กรุณาระบุเหตุผลที่ไม่อยู่ในแผน และการเพิ่มเติม/เปลี่ยนแปลงแผนที่ต้องทำ",
        "Say why it is not in the plan and which addition/change it needs.",
    ),
    "plan.import_rejected": (
        "ไม่ได้นำเข้าข้อมูล: พบปัญหา {count} รายการ กรุณาแก้ไขไฟล์แล้วนำเข้าใหม่ทั้งไฟล์",
        "Nothing imported: {count} problems. Fix the file and import it again.",
    ),
    "plan.import.missing_column": ('ไม่พบคอลัมน์ "{field}"', 'Column "{field}" is missing.'),
    "plan.import.missing": ("ไม่ได้กรอก {field}", "{field} is empty."),
    "plan.import.too_long": ("{field} ยาวเกินไป", "{field} is too long."),
    "plan.import.bad_number": ('ลำดับที่ "{value}" ไม่ถูกต้อง', 'Number "{value}" is not valid.'),
    "plan.import.duplicate_number": ("ลำดับที่ {value} ซ้ำกับแถวที่ {other}", "Number {value} repeats row {other}."),
    "plan.import.number_taken": (
        "ลำดับที่ {value} มีอยู่แล้วในแผนฉบับนี้",
        "Number {value} is already in this edition.",
    ),
    "plan.import.unknown_unit": ('ไม่รู้จักหน่วยงาน "{value}"', 'Unknown unit "{value}".'),
    "plan.import.bad_amount": (
        'งบประมาณปี {year} "{value}" ไม่ใช่จำนวนเงิน',
        'Budget {year} "{value}" is not an amount.',
    ),
    "plan.import.empty": ("ไฟล์ไม่มีรายการโครงการ", "The file holds no project line."),
    "plan.file.unsupported_type": ("รองรับเฉพาะไฟล์ .xlsx หรือ .csv", "Only .xlsx or .csv files."),
    "plan.file.unreadable": ("อ่านไฟล์ไม่ได้", "The file cannot be read."),
    "plan.file.empty": ("ไฟล์ว่างเปล่า", "The file is empty."),
    "plan.work.not_in_plan": (
        "ไม่อยู่ในแผนพัฒนาท้องถิ่น ต้องเพิ่มเติม/เปลี่ยนแปลงแผน: {note}",
        "Not in the plan: needs an addition/change. {note}",
    ),
    # page
    "plan.editions": ("ฉบับของแผน", "Plan editions"),
    "plan.no_editions": ("ยังไม่มีแผนพัฒนาท้องถิ่นในระบบ", "No local development plan yet."),
    "plan.add_edition": ("เพิ่มแผน / เพิ่มเติม / เปลี่ยนแปลง", "Add a plan, an addition or a change"),
    "plan.kind": ("ประเภท", "Kind"),
    "plan.kind.base": ("แผนพัฒนาท้องถิ่น (5 ปี)", "5-year plan"),
    "plan.kind.addition": ("เพิ่มเติม ฉบับที่ ...", "Addition no. ..."),
    "plan.kind.change": ("เปลี่ยนแปลง ฉบับที่ ...", "Change no. ..."),
    "plan.first_year": ("ปีแรกของแผน (พ.ศ.)", "First year (B.E.)"),
    "plan.approved_on": ("วันที่ประกาศใช้", "Approved on"),
    "plan.save": ("บันทึก", "Save"),
    "plan.saved": ("บันทึกแล้ว", "Saved."),
    "plan.register": ("โครงการในแผน", "Project lines"),
    "plan.edition": ("ฉบับ", "Edition"),
    "plan.all_editions": ("ทุกฉบับ", "Every edition"),
    "plan.import": ("นำเข้าจาก Excel ของงานแผน", "Import from the planning unit's Excel"),
    "plan.import_help": (
        "คอลัมน์: ยุทธศาสตร์, แผนงาน, ลำดับ, โครงการ, หน่วยงานรับผิดชอบ และปี พ.ศ. ของงบประมาณ (เช่น 2568) "
        "นำเข้าทั้งไฟล์หรือไม่นำเข้าเลย",
        "Columns: strategy, programme, number, project, unit and the B.E. budget years "
        "(e.g. 2568). All rows or none.",
    ),
    "plan.import_file": ("ไฟล์ .xlsx หรือ .csv", "File .xlsx or .csv"),
    "plan.import_go": ("นำเข้า", "Import"),
    "plan.imported": ("นำเข้า {n} โครงการแล้ว", "{n} lines imported."),
    "plan.problem_row": ("แถว", "Row"),
    "plan.problem": ("ปัญหา", "Problem"),
    "plan.col.budgets": ("งบประมาณรายปี", "Budget per year"),
    "plan.col.total": ("รวม (บาท)", "Total (baht)"),
    "plan.share": ("โครงการที่ดำเนินการตามแผนพัฒนาท้องถิ่น", "Projects carried out from the plan"),
    "plan.share_delta": ("{from_plan} จาก {projects} โครงการ", "{from_plan} of {projects} projects"),
    # citation on a proposal
    "plan.citation": ("แผนพัฒนาท้องถิ่น", "Local development plan"),
    "plan.citation.cited": ("อ้างอิงแผน: {text}", "From the plan: {text}"),
    "plan.citation.not_in_plan": (
        "ไม่อยู่ในแผน ต้องเพิ่มเติม/เปลี่ยนแปลงแผน: {text}",
        "Not in the plan, needs an addition/change: {text}",
    ),
    "plan.citation.none": ("ยังไม่ได้ระบุโครงการในแผนพัฒนาท้องถิ่น", "No plan line cited yet."),
    "plan.citation.pick": ("โครงการในแผน", "Plan line"),
    "plan.citation.cite": ("อ้างอิงโครงการในแผน", "Cite this plan line"),
    "plan.citation.flag": ("ไม่อยู่ในแผน (ต้องเพิ่มเติม/เปลี่ยนแปลง)", "Not in the plan (needs an addition/change)"),
    "plan.citation.note": (
        "เหตุผล / การเพิ่มเติมหรือเปลี่ยนแปลงแผนที่ต้องทำ",
        "Why, and which addition/change is needed",
    ),
    "plan.citation.saved": ("บันทึกการอ้างอิงแผนแล้ว", "Plan citation saved."),
    "plan.citation.no_lines": (
        "ยังไม่มีโครงการในแผนพัฒนาท้องถิ่น (เพิ่มได้ที่หน้าแผนพัฒนาท้องถิ่น)",
        "No plan lines yet (add them on the plan page).",
    ),
}
