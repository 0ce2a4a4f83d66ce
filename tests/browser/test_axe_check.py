"""The accessibility check every browser test relies on reports what axe-core finds."""

import pytest

from tests.browser.conftest import PageWatch, assert_accessible


def test_accessibility_check_names_each_violation_and_where(browser):
    page = browser.new_page()
    page.watch = PageWatch("http://127.0.0.1")
    page.set_content(
        '<html lang="de"><title>Kaputt</title>'
        '<main><img src="data:,"><a href="#"></a><button id="leer"></button></main></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, context="kaputt")
    page.close()
    message = str(failure.value)
    assert message.startswith("axe on kaputt: ")
    for found in [
        "image-alt (critical): Images must have alternative text -> [['img']]",
        "link-name (serious): Links must have discernible text -> [['a']]",
        "button-name (critical): Buttons must have discernible text -> [['#leer']]",
    ]:
        assert found in message
