"""The launch letter of stage 12: a บันทึกข้อความ to every division announcing the go-live date."""

from __future__ import annotations

import duckdb

from core import org, pdf
from core.errors import NotFound
from core.organisation.profile import get_profile
from core.pdf.names import document_file_name
from core.stages import repository as repo
from core.thaidate import format_date


def launch_memo(cur: duckdb.DuckDBPyConnection, project_id: int) -> pdf.Memo:
    """The memo as recorded at go-live (raises ``NotFound`` before the letter is issued)."""
    letter = repo.letter_of(cur, project_id)
    if letter is None:
        raise NotFound("stage.letter_not_issued")
    project = repo.project_with_names(cur, project_id)
    system = org.get_system(cur, letter["system_id"])
    profile = get_profile(cur)
    it_unit = profile.it_unit or "หน่วยงานเทคโนโลยีสารสนเทศ"
    go_live = format_date(letter["go_live_on"], "th", "long")
    paragraphs = [
        f"ตามที่{profile.name_th or 'หน่วยงาน'}ได้อนุมัติโครงการ {project['name']} (รหัสโครงการ {project['code']})"
        f" {it_unit}ได้ดำเนินการสำรวจความต้องการ วิเคราะห์และออกแบบ"
        " จัดทำระบบจำลองและตรวจสอบกับผู้ใช้ พัฒนาระบบ ทดสอบร่วมกับผู้ใช้งาน ติดตั้งระบบ"
        " จัดทำคู่มือและฝึกอบรมผู้ใช้งานเรียบร้อยแล้ว",
        f"จึงขอแจ้งกำหนดการเปิดใช้งาน{system['name_th']} ตั้งแต่วันที่ {go_live} เป็นต้นไป"
        " ผู้ใช้งานสามารถเข้าสู่ระบบและใช้งานได้ตามคู่มือการใช้งานที่แจกในการฝึกอบรม"
        " หากพบปัญหาหรือมีความต้องการเพิ่มเติม กรุณาแจ้งผ่านระบบแจ้งปัญหา/ความต้องการ"
        f" หรือติดต่อ{it_unit}",
        "จึงเรียนมาเพื่อโปรดทราบ และแจ้งบุคลากรในสังกัดทราบโดยทั่วกัน",
    ]
    return pdf.Memo(
        unit=" ".join(x for x in (profile.it_unit, profile.issuing_unit, profile.name_th) if x),
        phone=profile.phone,
        emblem_png=profile.emblem,
        reference_no=letter["reference_no"],
        date=letter["letter_date"],
        subject=f"แจ้งกำหนดการเปิดใช้งาน{system['name_th']}",
        addressee="ผู้อำนวยการสำนัก/กอง และหัวหน้าหน่วยงานในสังกัดทุกแห่ง",
        paragraphs=paragraphs,
        signer_name=letter["signer_name"],
        signer_position=letter["signer_position"],
    )


def launch_letter_pdf(cur: duckdb.DuckDBPyConnection, project_id: int) -> bytes:
    return pdf.render_memo(launch_memo(cur, project_id))


def launch_file_name(code: str, on) -> str:
    """``หนังสือแจ้งเปิดใช้งาน-<code>-<B.E. date>.pdf``."""
    return document_file_name("หนังสือแจ้งเปิดใช้งาน", code, on)
