"""The CAPTCHA in tests: the challenge's key is read from the page, its answer from the database — as a
person reads the image, which a script cannot (django-simple-captcha keeps the answer only there)."""

import re

from captcha.models import CaptchaStore


def solved(html, field="captcha"):
    """The form fields answering the CAPTCHA named `field` in `html`."""
    key = re.search(rf'name="{field}_0" value="([0-9a-f]+)"', html).group(1)
    return {f"{field}_0": key, f"{field}_1": answer(key)}


def answer(key):
    return CaptchaStore.objects.get(hashkey=key).response


def api_captcha():
    """A fresh challenge and its answer, as the JSON API takes them."""
    key = CaptchaStore.generate_key()
    return {"captcha_key": key, "captcha_value": answer(key)}


def look_up(client, number, code):
    """The status page (申请办理进度查询) for the request `number` with its access `code`."""
    page = client.get("/apply/status/").content.decode()
    return client.post("/apply/status/", {"tracking_number": number, "access_code": code, **solved(page)})


def supplement(client, page, text):
    """Post the 补正 form shown on the status `page` (a response) with `text`."""
    fields = solved(page.content.decode(), "supplement_captcha")
    return client.post("/apply/status/supplement/", {"text": text, **fields})
