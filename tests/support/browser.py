"""Browser-test steps shared by the tests/e2e modules."""

ADMIN_TIMEOUT_MS = 30_000  # the admin's pages are heavier than the public ones


def log_in(new_page, username, password, timeout_ms=ADMIN_TIMEOUT_MS):
    """A new page signed in to the admin as `username`, waiting up to `timeout_ms` for each step."""
    page = new_page()
    page.set_default_timeout(timeout_ms)
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page
