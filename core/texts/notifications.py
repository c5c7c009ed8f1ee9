"""Texts of notifications: the messages of each kind of event, the bell, the list, the account
section (channels, LINE link) and the admin view of deliveries."""

TEXTS = {
    # kinds (names shown in the channel choices)
    "notify.kind.ticket_new": ("มีการแจ้งปัญหา/ความต้องการใหม่", "A new ticket"),
    "notify.kind.ticket_reply": ("ผู้แจ้งตอบกลับเรื่องที่รอข้อมูล", "The reporter replied"),
    "notify.kind.ticket_near": ("เรื่องใกล้เกินเวลามาตรฐาน", "A ticket near its deadline"),
    "notify.kind.ticket_breach": ("เรื่องเกินเวลามาตรฐาน", "A ticket past its deadline"),
    "notify.kind.proposal_submitted": (
        "ข้อเสนอโครงการรอเสนอ (ผู้อำนวยการกอง)",
        "A proposal waiting for the director",
    ),
    "notify.kind.proposal_proposed": ("ข้อเสนอโครงการรออนุมัติ (ผู้บริหาร)", "A proposal waiting for approval"),
    "notify.kind.review_round": ("รอบตรวจรับระบบจำลองที่ต้องลงความเห็น", "A review round to sign"),
    "notify.kind.survey_closed": ("แบบสำรวจปิดแล้ว รอประมวลผล", "A survey closed, to be processed"),
    "notify.kind.backup_failed": ("สำรองข้อมูลไม่สำเร็จ", "A backup failed"),
    "notify.kind.disk_low": ("พื้นที่ดิสก์ใกล้เต็ม", "The disk is nearly full"),
    # messages: subject and body per kind
    "notify.ticket_new.subject": ("แจ้งปัญหาใหม่ {code}: {title}", "New ticket {code}: {title}"),
    "notify.ticket_new.body": (
        "{reporter} แจ้งเรื่อง {code} ({type}) ระบบ {system} กรุณาวิเคราะห์ภายในเวลามาตรฐาน",
        "{reporter} reported {code} ({type}) on {system}; please analyse it within the time standard.",
    ),
    "notify.ticket_reply.subject": ("ผู้แจ้งตอบกลับ {code}: {title}", "Reporter replied on {code}: {title}"),
    "notify.ticket_reply.body": (
        "{reporter} ตอบกลับเรื่อง {code} นาฬิกาเวลาแก้ไขเดินต่อแล้ว: {note}",
        "{reporter} replied on {code}; the resolution clock runs again: {note}",
    ),
    "notify.ticket_near.subject": ("ใกล้เกินเวลา {code}: {title}", "Near the deadline {code}: {title}"),
    "notify.ticket_near.body": (
        "เรื่อง {code} ใกล้ครบเวลามาตรฐาน ({clock}) กำหนด {due}",
        "{code} is near its time standard ({clock}), due {due}.",
    ),
    "notify.ticket_breach.subject": ("เกินเวลามาตรฐาน {code}: {title}", "Past the deadline {code}: {title}"),
    "notify.ticket_breach.body": (
        "เรื่อง {code} เกินเวลามาตรฐานแล้ว ({clock}) กำหนด {due} ผู้รับผิดชอบ {assignee}",
        "{code} is past its time standard ({clock}), due {due}; assignee {assignee}.",
    ),
    "notify.proposal_submitted.subject": (
        "ข้อเสนอโครงการรอเสนอ {code}: {title}",
        "Proposal to forward {code}: {title}",
    ),
    "notify.proposal_submitted.body": (
        "{actor} เสนอข้อเสนอโครงการ {code} กรุณาพิจารณาเสนอผู้บริหาร",
        "{actor} submitted proposal {code}; please consider forwarding it to the executive.",
    ),
    "notify.proposal_proposed.subject": (
        "ข้อเสนอโครงการรออนุมัติ {code}: {title}",
        "Proposal to decide {code}: {title}",
    ),
    "notify.proposal_proposed.body": (
        "{actor} เสนอข้อเสนอโครงการ {code} เพื่อพิจารณาอนุมัติ",
        "{actor} proposed {code} for your decision.",
    ),
    "notify.review_round.subject": (
        "รอบตรวจรับ {project} ขั้นตอนที่ {stage} รอบที่ {round}",
        "Review of {project}, stage {stage}, round {round}",
    ),
    "notify.review_round.body": ("กรุณาตรวจและลงความเห็นภายใน {due}", "Please review and sign by {due}."),
    "notify.survey_closed.subject": ("แบบสำรวจปิดแล้ว {code}: {title}", "Survey closed {code}: {title}"),
    "notify.survey_closed.body": (
        "แบบสำรวจ {code} ปิดรับคำตอบแล้ว กรุณาประมวลผลภายใน {due}",
        "Survey {code} is closed; please process the results by {due}.",
    ),
    "notify.backup_failed.subject": ("สำรองข้อมูลไม่สำเร็จ", "Backup failed"),
    "notify.backup_failed.body": (
        "การสำรองข้อมูลตามกำหนดไม่สำเร็จ: {detail}",
        "The scheduled backup failed: {detail}",
    ),
    "notify.disk_low.subject": ("พื้นที่ดิสก์ใกล้เต็ม", "Disk nearly full"),
    "notify.disk_low.body": (
        "ดิสก์ของฐานข้อมูลเหลือ {free_mb} MB (ระบบหยุดบันทึกเมื่อต่ำกว่า {min_mb} MB)",
        "The database disk has {free_mb} MB free (writes stop below {min_mb} MB).",
    ),
    # bell and list
    "page.notifications": ("การแจ้งเตือน", "Notifications"),
    "notify.bell": ("การแจ้งเตือน ({n})", "Notifications ({n})"),
    "notify.bell_none": ("การแจ้งเตือน", "Notifications"),
    "notify.toast": ("มีการแจ้งเตือนใหม่: {subject}", "New: {subject}"),
    "notify.empty": ("ยังไม่มีการแจ้งเตือน", "No notifications yet."),
    "notify.unread_only": ("เฉพาะที่ยังไม่อ่าน", "Unread only"),
    "notify.mark_read": ("อ่านแล้ว", "Mark read"),
    "notify.mark_all_read": ("ทำเครื่องหมายว่าอ่านทั้งหมด", "Mark all read"),
    "notify.open": ("เปิด", "Open"),
    "notify.unread": ("ยังไม่อ่าน", "Unread"),
    "notify.not_found": ("ไม่พบการแจ้งเตือนนี้", "This notification does not exist."),
    # account: channels and LINE
    "notify.prefs": ("ช่องทางการแจ้งเตือน", "Notification channels"),
    "notify.prefs_open": (
        "เลือกช่องทางของการแจ้งเตือนแต่ละเรื่อง",
        "Choose the channels of each kind of notification",
    ),
    "notify.prefs_help": (
        "การแจ้งเตือนในระบบ (กระดิ่ง) ได้รับทุกเรื่องเสมอ เลือกได้ว่าจะรับทางอีเมลหรือ LINE เรื่องใดบ้าง นอกเวลาราชการจะส่งเฉพาะเรื่องเร่งด่วน",
        "The in-app bell always gets everything; choose which events also come by e-mail or LINE. Outside office hours only urgent ones are sent.",
    ),
    "notify.channel.email": ("อีเมล", "E-mail"),
    "notify.channel.line": ("LINE", "LINE"),
    "notify.col.kind": ("เรื่อง", "Event"),
    "notify.prefs_saved": ("บันทึกช่องทางการแจ้งเตือนแล้ว", "Notification channels saved."),
    "notify.bad_channel": ("ไม่รู้จักช่องทาง {channel}", "Unknown channel {channel}."),
    "notify.bad_kind": ("ไม่รู้จักประเภทการแจ้งเตือน {kind}", "Unknown kind of notification {kind}."),
    "notify.no_email": (
        "บัญชีนี้ยังไม่มีอีเมล (ให้ผู้ดูแลระบบเพิ่มได้)",
        "This account has no e-mail address yet (the administrator can add one).",
    ),
    "notify.email_is": ("อีเมล: {email}", "E-mail: {email}"),
    "notify.line": ("เชื่อมบัญชี LINE", "Link LINE"),
    "notify.line_linked": ("เชื่อม LINE แล้ว ({when})", "LINE linked ({when})."),
    "notify.line_not_linked": ("ยังไม่ได้เชื่อม LINE", "LINE is not linked."),
    "notify.line_new_code": ("ขอรหัสเชื่อม LINE", "Get a LINE link code"),
    "notify.line_code": (
        "ส่งข้อความรหัสนี้ไปที่ LINE Official Account ของหน่วยงานภายใน {minutes} นาที: {code}",
        "Send this code to the organisation's LINE Official Account within {minutes} minutes: {code}",
    ),
    "notify.line_unlink": ("ยกเลิกการเชื่อม LINE", "Unlink LINE"),
    "notify.line_unlinked": ("ยกเลิกการเชื่อม LINE แล้ว", "LINE unlinked."),
    "notify.line_off": ("ระบบยังไม่ได้ตั้งค่า LINE Official Account", "No LINE Official Account is configured."),
    "notify.line_linked_reply": (
        "เชื่อมบัญชี Pattana ของ {name} กับ LINE นี้แล้ว",
        "This LINE is now linked to the Pattana account of {name}.",
    ),
    # admin view
    "notify.admin": ("การแจ้งเตือนที่ส่งออก", "Notifications sent"),
    "notify.admin_counts": (
        "รอส่ง {pending} · กำลังส่ง {sending} · ส่งแล้ว {sent} · ส่งไม่สำเร็จ {dead}",
        "Waiting {pending} · sending {sending} · sent {sent} · failed (dead letters) {dead}",
    ),
    "notify.admin_dead": (
        "มีการแจ้งเตือน {n} รายการที่ส่งไม่สำเร็จหลังลองครบแล้ว",
        "{n} notifications could not be delivered after every retry.",
    ),
    "notify.admin_requeue": ("ส่งรายการที่ไม่สำเร็จอีกครั้ง", "Retry the failed ones"),
    "notify.admin_requeued": ("นำ {n} รายการกลับเข้าคิวส่งแล้ว", "{n} deliveries queued again."),
    "notify.job_failed": (
        "รอบส่งการแจ้งเตือนล่าสุดขัดข้อง ({kind}) ระบบจะลองใหม่เองในรอบถัดไป ดูรายละเอียดในบันทึกของเซิร์ฟเวอร์",
        "The last notification round failed ({kind}); it is tried again on the next round (details in the server log).",
    ),
    "notify.admin_filter": ("สถานะ", "Status"),
    "notify.status.pending": ("รอส่ง", "waiting"),
    "notify.status.sending": ("กำลังส่ง", "sending"),
    "notify.status.sent": ("ส่งแล้ว", "sent"),
    "notify.status.dead": ("ส่งไม่สำเร็จ", "failed"),
    "notify.col.created": ("เวลา", "When"),
    "notify.col.recipient": ("ผู้รับ", "To"),
    "notify.col.channel": ("ช่องทาง", "Channel"),
    "notify.col.status": ("สถานะ", "Status"),
    "notify.col.attempts": ("ครั้งที่ส่ง", "Attempts"),
    "notify.col.sent_at": ("ส่งเมื่อ", "Sent at"),
    "notify.col.next": ("ลองครั้งถัดไป", "Next try"),
    "notify.col.error": ("ข้อผิดพลาดล่าสุด", "Last error"),
    "notify.col.subject": ("เรื่อง", "Subject"),
    "notify.col.address": ("ที่อยู่", "Address"),
    "notify.error.no_address_email": ("ผู้รับไม่มีอีเมล", "The recipient has no e-mail address"),
    "notify.error.no_address_line": ("ผู้รับยังไม่ได้เชื่อม LINE", "The recipient has not linked LINE"),
    "notify.error.not_configured": ("ช่องทางนี้ยังไม่ได้ตั้งค่า", "This channel is not configured"),
    "notify.refresh_invalid": (
        "รอบการรีเฟรชต้องอยู่ระหว่าง 2 ถึง 600 วินาที",
        "The refresh period must be between 2 and 600 seconds.",
    ),
    "notify.settings_title": ("การแจ้งเตือน", "Notifications"),
    "notify.settings_saved": ("บันทึกแล้ว", "Saved."),
    "notify.settings_channels": (
        "ช่องทางที่ตั้งค่าไว้บนเครื่องแม่ข่าย: {channels}",
        "Channels configured on the server: {channels}",
    ),
    "notify.settings_none": (
        "ยังไม่มี (ตั้งค่าด้วยตัวแปรสภาพแวดล้อม PATTANA_SMTP_HOST / PATTANA_LINE_TOKEN)",
        "none (set the environment variables PATTANA_SMTP_HOST / PATTANA_LINE_TOKEN)",
    ),
    "settings.live_refresh": (
        "รอบการรีเฟรชคิวงานและกระดิ่ง (วินาที)",
        "Refresh period of the queues and the bell (seconds)",
    ),
}
