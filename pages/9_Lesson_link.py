"""Lesson link: one short address (and a QR code on the projector) that opens the page the class
should read, with the sidebar filters and the page's own settings."""

import streamlit as st


from storyframes.app import render
from storyframes.app import params, share, site
from storyframes.app.shell import setup_page
from storyframes.app.render import literal
from storyframes.views import lesson as lesson_view

ctx = setup_page("lesson")
view = ctx.view(lesson_view.build)
labels = {p.file: p.title for p in site.PAGES}

st.title("Lesson link")
st.markdown(
    "Choose the page the class should open. The link keeps the **filters chosen in the sidebar** and the page's own "
    "settings. Students scan the code or type the address, and see just this."
)
st.caption(literal(view.describe) + " Change the filters in the sidebar to change what the link shows.")
if view.nothing:
    render.empty_state(view.nothing)

share.start_lesson_form(ctx.arrived)  # the form starts from the view the teacher came from
left, right = st.columns(2)
target = left.selectbox("Page the class opens", list(labels), format_func=labels.get, key=share.LESSON_PAGE_KEY)
served, served_note = share.origin_for_class()  # on localhost: this computer's network address, when it has one
typed = right.text_input(
    "Address students use (host and port)", key="lesson_host", max_chars=80,
    placeholder=f"{served.host}{f':{served.port}' if served.port else ''}" if served else "e.g. 192.168.1.20:8501",
    help="This computer's address on the classroom network, such as 192.168.1.20:8501. Leave it empty to use the "
         "address in grey. That is the address this page was opened at, or this computer's address on the network.",
)
values: dict[str, str] = {}
fields = params.fields_for_file(target)
for param, box in zip(fields, st.columns(max(2, len(fields))) if fields else ()):
    key = share.lesson_field_key(target, param.name)
    if param.is_seed:
        values[param.name] = box.text_input(param.label, key=key, max_chars=lesson_view.MAX_SEED_DIGITS,
                                            placeholder=f"{share.lesson_seed(param)} (or type one)", help=param.help or None)
    else:
        picked = box.selectbox(param.label, ("", *param.choices), key=key, format_func=lambda c: c or "The page's default")
        values[param.name] = picked or ""
page_params, problems = params.check(target, values)
page_params = params.with_seeds(target, page_params, {p.name: share.lesson_seed(p) for p in fields if p.is_seed})
for problem in problems:
    st.warning(literal(problem) + ". It is left out of the link (a seed: the link takes the number shown in the field).",
               icon=":material/error:")

origin = None
if typed.strip():
    try:
        origin = lesson_view.parse_host(typed)
    except lesson_view.HostError as error:
        st.warning(f"That address cannot be used: {error}.", icon=":material/error:")
else:
    origin = served
    if origin is None:
        st.info("Type this computer's address on the school network above. (See *Serving the class* below.)",
                icon=":material/info:")

if origin is not None:
    address = lesson_view.build_link(origin, target, ctx.filters, ctx.default, page_params, prefix=lesson_view.base_path(st.get_option("server.baseUrlPath")))
    if origin.is_local:
        st.info(f"**{literal(origin.host)}** opens this computer only: students' devices cannot reach it. Type this "
                "computer's network address above (see *Serving the class* below)."
                + (f"\n\n{served_note}" if served_note and origin == served else ""), icon=":material/devices:")
    st.markdown("**The link**, for students who type it (or to copy):")
    st.code(address, language=None, wrap_lines=True)
    st.image(lesson_view.qr_png(address, lesson_view.QR_DISPLAY), output_format="PNG", caption=f"QR code for the link to {labels[target]}",
             alt=f"QR code that opens {address}")
    st.download_button("Download the QR code (PNG)", lesson_view.qr_png(address), file_name="lesson-link.png", mime="image/png",
                       icon=":material/download:")

st.header("Serving the class")
st.markdown(
    "Nothing here needs the internet: the data, the map, the QR code and the page all come from this computer.\n\n"
    "1. Start the app so other devices on the room's network can reach it:  \n"
    "   `streamlit run dashboard.py --server.address 0.0.0.0`\n"
    "2. Opened at localhost, the link gives this computer's address on the network. It finds that address by itself. "
    "If none is found, find it (Windows: `ipconfig`; macOS: `ipconfig getifaddr en0`; "
    "Linux: `hostname -I`), such as 192.168.1.20, and type it above with the port: `192.168.1.20:8501`.\n"
    "3. Students join the same Wi-Fi and scan the code, or type the address."
)
