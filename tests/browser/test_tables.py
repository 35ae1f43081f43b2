"""Tables at a desk: no word is ever broken inside a cell; wide tables scroll in their own box."""
import pytest
from selenium.webdriver.common.by import By

from conftest import check_accessibility, chromium, sign_in_as, wait_for_text

DESK_WIDTH = 1280

# Every word in every cell, as a range: a word drawn on more than one line was broken. A line may
# end after a hyphen, as in print, so the parts of a hyphenated word count as words of their own.
BROKEN_WORDS = """
const broken = [];
for (const cell of document.querySelectorAll('table td, table th, table caption')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /[^\\s-]+/g;
    let match;
    while ((match = re.exec(node.textContent)) !== null) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
}
return broken;
"""


@pytest.fixture
def desk():
    driver = chromium(DESK_WIDTH, phone=False)
    yield driver
    driver.quit()


@pytest.mark.parametrize("email,name,paths", [
    ("peerworker@demo.alongside.test", "Sam Okafor", ["/home", "/caseload", "/caseload?sort=quiet"]),
    ("coordinator@demo.alongside.test", "Morgan Ellis", ["/relationships", "/relationships?stage=ended"]),
    ("supervisor@demo.alongside.test", "Priya Natarajan", ["/supervision"]),
    ("admin@demo.alongside.test", "Kai Thompson", ["/admin/accounts", "/admin/audit"]),
])
def test_no_table_cell_breaks_a_word_at_a_desk(desk, demo_server, email, name, paths):
    sign_in_as(desk, demo_server, email, name)
    for path in paths:
        desk.get(demo_server + path)
        wait_for_text(desk, "Alongside")
        assert desk.find_elements(By.TAG_NAME, "table"), f"{path} shows a table"
        broken = desk.execute_script(BROKEN_WORDS)
        assert not broken, f"{path} at {DESK_WIDTH}px breaks {broken[:10]}"
        check_accessibility(desk)
