"""The candidate list model, without any widget: pages, database sorting and search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import add_candidates, phone_of

from desktop.core.sortkeys import name_sort_key
from desktop.ui.candidates.model import COL_NAME, COL_PHONE, COL_YEARS, CandidateTableModel
from desktop.ui.paged_model import ID_ROLE, SORT_ROLE


def loaded(qtbot, model) -> None:
    qtbot.waitUntil(lambda: model.loaded_once and not model.loading, timeout=10_000)


def names(model) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_rows_arrive_a_page_at_a_time_until_all_450_are_there(qtbot, ctx, embedded_db):
    add_candidates(embedded_db, 450)
    model = CandidateTableModel(ctx, page_size=200)
    model.refresh()
    loaded(qtbot, model)
    assert (model.rowCount(), model.total) == (200, 450)
    assert model.canFetchMore()

    model.fetchMore()
    assert not model.canFetchMore()  # one page is on its way; asking again does not duplicate it
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=10_000)
    loaded(qtbot, model)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 450, timeout=10_000)
    loaded(qtbot, model)
    assert not model.canFetchMore()
    ids = [model.index(r, 0).data(ID_ROLE) for r in range(450)]
    assert len(set(ids)) == 450


def test_header_sort_asks_the_database_again(qtbot, ctx, embedded_db):
    add_candidates(embedded_db, 30)
    model = CandidateTableModel(ctx, page_size=10)
    model.refresh()
    loaded(qtbot, model)
    assert names(model) == sorted(names(model), key=name_sort_key)   # pinyin order: 陈 < 何 < 胡 < 李

    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.sort(COL_YEARS, Qt.SortOrder.DescendingOrder)
    years = [model.index(r, COL_YEARS).data(SORT_ROLE) for r in range(model.rowCount())]
    assert years == sorted(years, reverse=True) and years[0] == 19  # the top of all 30, not of one page
    assert model.rowCount() == 10 and model.total == 30

    model.sort(COL_PHONE, Qt.SortOrder.AscendingOrder)  # not sortable in the database: nothing changes
    assert not model.loading and model.sort_key == "years_experience"


def test_search_by_name_prefix_and_by_last_four_phone_digits(qtbot, ctx, embedded_db):
    add_candidates(embedded_db, 60)
    model = CandidateTableModel(ctx)
    model.refresh()
    loaded(qtbot, model)
    assert model.total == 60

    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_search("王")
    assert model.total == 3 and all(n.startswith("王") for n in names(model))

    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_search(phone_of(42)[-4:])
    assert model.total == 1 and names(model)[0].endswith("0042")

    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_search("c0007@example.cn")
    assert names(model) == [n for n in names(model) if n.endswith("0007")] and model.total == 1


def test_phone_is_masked_for_a_viewer_who_may_not_reveal(qtbot, make_ctx, embedded_db):
    from ui_helpers import add_user

    from desktop.core.model import Role

    add_candidates(embedded_db, 3)
    interviewer = add_user(embedded_db, "mianshi", [(Role.INTERVIEWER, None)])
    model = CandidateTableModel(make_ctx(interviewer))
    model.refresh()
    loaded(qtbot, model)
    assert all("****" in model.index(r, COL_PHONE).data() for r in range(3))


def test_a_list_longer_than_the_count_cap_says_so_and_is_counted_once_scrolled_to_the_end(qtbot, ctx, embedded_db,
                                                                                          monkeypatch):
    from desktop.core.services import paging

    add_candidates(embedded_db, 60)
    monkeypatch.setattr(paging, "COUNT_CAP", 25)
    model = CandidateTableModel(ctx, page_size=20)
    model.refresh()
    loaded(qtbot, model)
    assert (model.rowCount(), model.total, model.capped, model.canFetchMore()) == (20, 25, True, True)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 40, timeout=10_000)
    loaded(qtbot, model)
    assert (model.total, model.capped, model.canFetchMore()) == (40, True, True)     # at least the rows shown
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 60, timeout=10_000)
    loaded(qtbot, model)
    assert (model.total, model.capped, model.canFetchMore()) == (60, False, False)   # the end: counted exactly
    ids = [model.index(r, 0).data(ID_ROLE) for r in range(60)]
    assert len(set(ids)) == 60
    assert names(model) == sorted(names(model), key=name_sort_key)    # page breaks kept the pinyin order
