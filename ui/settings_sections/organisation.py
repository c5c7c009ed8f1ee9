"""Settings section of the go-live set-up: the organisation profile every document reads
(names, memo numbering, addressee, signatories, Garuda emblem, public address)."""

from __future__ import annotations

import streamlit as st

from core.organisation import profile as org_profile
from core.organisation.profile import ACTING, KINDS, SIGNER_ROLES, Profile, Signatory
from core.thaidate import fiscal_year, format_fiscal_year
from ui import widgets
from ui.components import attempt
from ui.context import database, language, now, tr

ORDER = 5
TITLE_KEY = "org.profile.title"
ACTION = "org.profile.edit"


def render(actor) -> None:
    with database().read() as cur:
        current = org_profile.get_profile(cur)
        fy = fiscal_year(now())
        next_no = org_profile.next_memo_number(cur, fy)
    st.caption(tr("org.profile.help"))
    if not current.is_set:
        st.warning(tr("org.not_set"))
    with widgets.form(st, "org_profile"):
        cols = st.columns(2)
        name_th = cols[0].text_input(tr("org.field.name_th"), value=current.name_th, max_chars=300)
        name_en = cols[1].text_input(tr("org.field.name_en"), value=current.name_en, max_chars=300)
        kind = widgets.select_one(
            cols[0],
            tr("org.field.kind"),
            KINDS,
            format_func=lambda k: tr(f"org.kind.{k}"),
            index=KINDS.index(current.kind) if current.kind in KINDS else 1,
        )
        province = cols[1].text_input(tr("org.field.province"), value=current.province, max_chars=300)
        issuing_unit = cols[0].text_input(
            tr("org.field.issuing_unit"), value=current.issuing_unit, max_chars=300
        )
        it_unit = cols[1].text_input(tr("org.field.it_unit"), value=current.it_unit, max_chars=300)
        memo_prefix = cols[0].text_input(
            tr("org.field.memo_prefix"), value=current.memo_prefix, max_chars=300
        )
        phone = cols[1].text_input(tr("org.field.phone"), value=current.phone, max_chars=300)
        addressee = cols[0].text_input(tr("org.field.addressee"), value=current.addressee, max_chars=300)
        addressee_via = cols[1].text_input(
            tr("org.field.addressee_via"), value=current.addressee_via, max_chars=300
        )
        base_url = st.text_input(
            tr("org.field.public_base_url"),
            value=current.public_base_url,
            max_chars=300,
            placeholder="https://pattana.example.go.th",
        )
        signers = {}
        for role in SIGNER_ROLES:
            s = current.signatory(role)
            st.markdown(f"**{tr(f'org.field.signer.{role}')}**")
            cols = st.columns(2)
            name = cols[0].text_input(tr("org.field.signer_name"), value=s.name, key=f"org_{role}_name")
            position = cols[1].text_input(
                tr("org.field.signer_position"), value=s.position, key=f"org_{role}_position"
            )
            acting = widgets.select_one(
                cols[0],
                tr("org.field.acting"),
                ACTING,
                index=ACTING.index(s.acting) if s.acting in ACTING else 0,
                key=f"org_{role}_acting",
                format_func=lambda a: a or tr("org.acting.none"),
            )
            acting_for = cols[1].text_input(
                tr("org.field.acting_for"), value=s.acting_for, key=f"org_{role}_acting_for"
            )
            signers[role] = Signatory(name, position, acting, acting_for)
        submitted = st.form_submit_button(tr("common.save"))
    if submitted:
        profile = Profile(
            name_th=name_th,
            name_en=name_en,
            kind=kind,
            province=province,
            issuing_unit=issuing_unit,
            it_unit=it_unit,
            memo_prefix=memo_prefix,
            phone=phone,
            addressee=addressee,
            addressee_via=addressee_via,
            public_base_url=base_url,
            signatories=signers,
        )
        attempt(
            lambda: org_profile.save_profile(database(), actor, now(), profile),
            success=tr("org.profile.saved"),
        )

    with widgets.form(st, "org_memo_number"):
        number = st.number_input(
            tr("org.field.next_memo_no", fy=format_fiscal_year(fy, language())),
            min_value=1,
            value=int(next_no),
            step=1,
        )
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: org_profile.set_next_memo_number(database(), actor, now(), fy, int(number)),
                success=tr("org.memo_number.saved"),
            )

    st.markdown(f"**{tr('org.field.emblem')}**")
    if current.emblem:
        st.image(current.emblem, width=80)
        if st.button(tr("org.emblem.remove"), key="org_emblem_remove"):
            attempt(
                lambda: org_profile.remove_emblem(database(), actor, now()), success=tr("org.emblem.removed")
            )
    else:
        st.caption(tr("org.emblem.none"))
    with widgets.form(st, "org_emblem", clear_on_submit=True):
        upload = widgets.file_input(
            st,
            tr("org.field.emblem"),
            types=["png", "jpg", "jpeg"],
            max_bytes=org_profile.EMBLEM_MAX_BYTES,
            key="org_emblem_file",
        )
        if st.form_submit_button(tr("org.emblem.upload")) and upload is not None:
            if attempt(
                lambda: org_profile.set_emblem(database(), actor, now(), upload.name, upload.getvalue()),
                success=tr("org.emblem.saved"),
            ):
                st.image(upload.getvalue(), width=80)
