#pragma once

#include "PatronSearchHit.h"
#include "PatronSearchRepository.h"

#include <QAbstractTableModel>
#include <QSet>

namespace foyer::gui {

// The patron list beside the search field. Rows arrive a page at a time (canFetchMore/fetchMore), so a database of
// a million patrons never loads into memory; an empty search lists recent patrons.
class PatronSearchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        NumberColumn,
        EmailColumn,
        PhoneColumn,
        OrganisationColumn,
        ColumnCount
    };
    enum Role
    {
        PatronIdRole = Qt::UserRole + 1
    };
    static constexpr int PageSize = 50;

    explicit PatronSearchModel(storage::PatronSearchRepository* repository, QObject* parent = nullptr);

    void setQuery(const QString& typed);
    QString query() const { return m_typed; }
    QString patronIdAt(int row) const;
    // True while more patrons match than the rows read so far: the list then says "more than N", not "N patrons".
    bool hasMoreMatches() const { return m_moreMatches; }
    // Why the last search could not be run (empty when it ran): no rows then means "could not search", not "nobody".
    QString error() const { return m_error; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A search or its next page was refused by the database; the message is for staff.
    void searchFailed(const QString& message);

private:
    QList<storage::PatronSearchHit> nextPage();
    // Whether a patron not yet shown follows the cursor: a few keys read, the cursor left where it is.
    bool probeMore();
    void noteFailure(const QString& reason);

    storage::PatronSearchRepository* m_repository;
    QString m_typed;
    QString m_error;
    QStringList m_tokens;
    QList<storage::PatronSearchHit> m_rows;
    QSet<QString> m_shownIds;
    storage::PatronSearchRepository::Cursor m_cursor;
    bool m_exhausted = true;
    bool m_moreMatches = false;
    bool m_resetting = false;
    bool m_fetching = false;
};

} // namespace foyer::gui
