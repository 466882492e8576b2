#include "PatronSearchModel.h"

#include "SearchText.h"

#include <QLocale>

namespace foyer::gui {

PatronSearchModel::PatronSearchModel(storage::PatronSearchRepository* repository, QObject* parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
{
}

void PatronSearchModel::setQuery(const QString& typed)
{
    beginResetModel();
    m_typed = typed;
    m_tokens = core::SearchText::queryTokens(typed);
    m_rows.clear();
    m_shownIds.clear();
    m_cursor = {};
    m_error.clear();
    if (m_tokens.isEmpty()) {
        QString error;
        m_rows = m_repository->recent(PageSize, &error);
        m_exhausted = true;
        if (!error.isEmpty())
            m_error = tr("The patron list could not be read: %1").arg(error);
    } else {
        m_exhausted = false;
        m_rows = nextPage();
    }
    m_moreMatches = probeMore();
    // Listeners of modelReset (views, QAbstractItemModelTester) may call fetchMore() from inside the signal, while
    // the reset still counts as in progress; more rows are offered only once it is over.
    m_resetting = true;
    endResetModel();
    m_resetting = false;
    if (!m_error.isEmpty())
        emit searchFailed(m_error);
}

void PatronSearchModel::noteFailure(const QString& reason)
{
    m_exhausted = true; // a refused page is not retried by every scroll
    m_error = tr("The search could not be run: %1").arg(reason);
}

QList<storage::PatronSearchHit> PatronSearchModel::nextPage()
{
    // A patron found under several keys ("smith", "smithson") shows once; keep reading until a page is full.
    QList<storage::PatronSearchHit> page;
    while (!m_exhausted && page.size() < PageSize) {
        QString error;
        const QList<storage::PatronSearchHit> hits = m_repository->search(m_tokens, m_cursor, PageSize, &error);
        if (!error.isEmpty()) {
            noteFailure(error);
            break;
        }
        if (hits.size() < PageSize)
            m_exhausted = true;
        if (!hits.isEmpty())
            m_cursor = {hits.constLast().matchedKey, hits.constLast().patronId};
        for (const auto& hit : hits) {
            if (m_shownIds.contains(hit.patronId))
                continue;
            m_shownIds.insert(hit.patronId);
            page.append(hit);
        }
    }
    return page;
}

bool PatronSearchModel::probeMore()
{
    if (m_exhausted)
        return false;
    // A page ends on a full read, so the next key may still be a patron already shown ("smith", then "smithson" of
    // the same patron): read on a little, past those, without moving the model's cursor.
    constexpr int ProbeSize = 8;
    constexpr int MaxProbes = 4;
    storage::PatronSearchRepository::Cursor cursor = m_cursor;
    for (int probe = 0; probe < MaxProbes; ++probe) {
        QString error;
        const QList<storage::PatronSearchHit> hits = m_repository->search(m_tokens, cursor, ProbeSize, &error);
        if (!error.isEmpty())
            return true; // not known to be all: the next page says why when it is read
        for (const auto& hit : hits)
            if (!m_shownIds.contains(hit.patronId))
                return true;
        if (hits.size() < ProbeSize) {
            m_exhausted = true; // nobody new follows: the list is complete
            return false;
        }
        cursor = {hits.constLast().matchedKey, hits.constLast().patronId};
    }
    return true;
}

QString PatronSearchModel::patronIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).patronId : QString();
}

int PatronSearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PatronSearchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatronSearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const storage::PatronSearchHit& hit = m_rows.at(index.row());
    if (role == PatronIdRole)
        return hit.patronId;
    if (role == Qt::ToolTipRole) {
        // What a narrow column elides, and the organisation the list has no column for.
        if (index.column() == NameColumn && !hit.organisation.isEmpty() && hit.organisation != hit.displayName)
            return tr("%1, %2").arg(hit.displayName, hit.organisation);
        if (index.column() == EmailColumn)
            return hit.email;
        return QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return QVariant();
    switch (index.column()) {
    case NameColumn:
        return hit.displayName;
    case NumberColumn:
        return QString::number(hit.patronNumber);
    case EmailColumn:
        return hit.email;
    case PhoneColumn:
        return hit.phone;
    case OrganisationColumn:
        return hit.organisation;
    default:
        return QVariant();
    }
}

QVariant PatronSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case NumberColumn:
        return tr("Patron #");
    case EmailColumn:
        return tr("Email");
    case PhoneColumn:
        return tr("Phone");
    case OrganisationColumn:
        return tr("Organisation");
    default:
        return QVariant();
    }
}

bool PatronSearchModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted && !m_resetting && !m_fetching;
}

void PatronSearchModel::fetchMore(const QModelIndex& parent)
{
    // Listeners of the insert signals may call fetchMore() again from inside them; one page at a time.
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const bool hadError = !m_error.isEmpty();
    const QList<storage::PatronSearchHit> page = nextPage();
    m_moreMatches = probeMore(); // before the rows are announced: listeners read the new count
    if (!page.isEmpty()) {
        beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + page.size() - 1));
        m_rows.append(page);
        endInsertRows();
    }
    m_fetching = false;
    if (!hadError && !m_error.isEmpty())
        emit searchFailed(m_error);
}

} // namespace foyer::gui
