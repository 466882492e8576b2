#pragma once

#include "PatronSearchHit.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

namespace foyer::storage {

// Search as you type over patron_search_key: each typed token is a prefix range scan on one B-tree. Results come in
// key order (so an exact word comes before longer ones: "smith" before "smithson"), a page at a time.
class PatronSearchRepository
{
public:
    struct Cursor
    {
        QString key;
        QString patronId;
        bool isStart() const { return key.isEmpty() && patronId.isEmpty(); }
    };

    explicit PatronSearchRepository(QSqlDatabase db);

    // Patrons matching every token (see core::SearchText::queryTokens), after `after`, at most `limit` rows.
    // A patron matched by several keys appears once per page at most; callers drop repeats across pages.
    // A refused statement is reported in error (when given); the list is then empty, meaning "could not search".
    QList<PatronSearchHit> search(const QStringList& tokens, const Cursor& after, int limit, QString* error);
    // With an empty search: the patrons opened lately on this workstation, then the newest.
    QList<PatronSearchHit> recent(int limit, QString* error);

private:
    QList<PatronSearchHit> scan(const QStringList& tokens, const Cursor& after, int limit, QString* error);
    QList<PatronSearchHit> describe(const QList<std::pair<QString, QString>>& keyAndId, QString* error);

    QSqlDatabase m_db;
};

} // namespace foyer::storage
