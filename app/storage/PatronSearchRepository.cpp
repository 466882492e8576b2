#include "PatronSearchRepository.h"

#include "Patron.h"
#include "SearchText.h"
#include "SqlRead.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

namespace foyer::storage {

PatronSearchRepository::PatronSearchRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<PatronSearchHit> PatronSearchRepository::search(const QStringList& tokens, const Cursor& after, int limit,
                                                      QString* error)
{
    if (tokens.isEmpty() || limit <= 0)
        return {};
    // Several words: first as one phrase over the NamePhrase keys (a single range scan). Only when the phrase finds
    // nobody does the search fall back to intersecting word by word, which costs a lookup per candidate. A cursor
    // whose key holds a space continues a phrase search.
    if (tokens.size() >= 2) {
        const bool continuingPhrase = !after.isStart() && after.key.contains(u' ');
        if (after.isStart() || continuingPhrase) {
            QString phraseError;
            const QList<PatronSearchHit> phraseHits = scan({tokens.join(u' ')}, after, limit, &phraseError);
            if (!phraseError.isEmpty()) {
                fail(error, phraseError);
                return {};
            }
            if (!phraseHits.isEmpty() || continuingPhrase)
                return phraseHits;
        }
    }
    return scan(tokens, after, limit, error);
}

QList<PatronSearchHit> PatronSearchRepository::scan(const QStringList& tokens, const Cursor& after, int limit,
                                                    QString* error)
{
    // The longest token drives the scan (fewest rows); the others must match another key of the same patron.
    QStringList ordered = tokens;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const QString& a, const QString& b) { return a.size() > b.size(); });
    QString sql = QStringLiteral("SELECT k.key, k.patron_id FROM patron_search_key k WHERE k.key >= ? AND k.key < ?");
    if (!after.isStart())
        sql += QStringLiteral(" AND (k.key > ? OR (k.key = ? AND k.patron_id > ?))");
    for (qsizetype i = 1; i < ordered.size(); ++i)
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM patron_search_key o WHERE o.patron_id = k.patron_id AND "
                              "o.key >= ? AND o.key < ?)");
    sql += QStringLiteral(" ORDER BY k.key, k.patron_id LIMIT ?");

    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!prepareQuery(query, sql, error))
        return {};
    query.addBindValue(ordered.first());
    query.addBindValue(core::SearchText::prefixEnd(ordered.first()));
    if (!after.isStart()) {
        query.addBindValue(after.key);
        query.addBindValue(after.key);
        query.addBindValue(after.patronId);
    }
    for (qsizetype i = 1; i < ordered.size(); ++i) {
        query.addBindValue(ordered.at(i));
        query.addBindValue(core::SearchText::prefixEnd(ordered.at(i)));
    }
    query.addBindValue(limit);
    // No DISTINCT: it makes SQLite sort the whole prefix range (a one-letter prefix is millions of keys) instead of
    // walking the primary key in order. The same (key, patron) under two kinds comes out adjacent; skip the repeat.
    QList<std::pair<QString, QString>> rows;
    if (!readRows(query, error, [&](const QSqlQuery& q) {
            std::pair<QString, QString> row{q.value(0).toString(), q.value(1).toString()};
            if (rows.isEmpty() || rows.constLast() != row)
                rows.append(std::move(row));
        }))
        return {};
    return describe(rows, error);
}

QList<PatronSearchHit> PatronSearchRepository::recent(int limit, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!prepareQuery(
            query,
            QStringLiteral("SELECT patron_id FROM (SELECT patron_id, opened_at AS at, 0 AS pass FROM "
                           "patron_recent UNION ALL SELECT id, created_at, 1 FROM (SELECT id, created_at FROM "
                           "patron WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT ?)) ORDER BY pass, at "
                           "DESC"),
            error))
        return {};
    query.addBindValue(limit);
    QList<std::pair<QString, QString>> rows;
    QSet<QString> seen;
    if (!readRows(query, error, [&](const QSqlQuery& q) {
            const QString id = q.value(0).toString();
            if (rows.size() < limit && !seen.contains(id)) {
                seen.insert(id);
                rows.append({QString(), id});
            }
        }))
        return {};
    return describe(rows, error);
}

QList<PatronSearchHit> PatronSearchRepository::describe(const QList<std::pair<QString, QString>>& keyAndId,
                                                        QString* error)
{
    QList<PatronSearchHit> hits;
    if (keyAndId.isEmpty())
        return hits;
    QStringList placeholders;
    for (qsizetype i = 0; i < keyAndId.size(); ++i)
        placeholders.append(QStringLiteral("?"));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!prepareQuery(
            query,
            QStringLiteral(
                "SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.organisation, p.patron_number, "
                "coalesce((SELECT address FROM patron_email e WHERE e.patron_id = p.id AND e.deleted_at IS NULL "
                "ORDER BY e.is_primary DESC LIMIT 1), p.original_email), (SELECT number FROM patron_phone f "
                "WHERE f.patron_id = p.id AND f.deleted_at IS NULL ORDER BY f.is_primary DESC LIMIT 1) FROM "
                "patron p WHERE p.deleted_at IS NULL AND p.id IN (") +
                placeholders.join(u',') + u')',
            error))
        return {};
    for (const auto& row : keyAndId)
        query.addBindValue(row.second);
    QHash<QString, PatronSearchHit> byId;
    if (!readRows(query, error, [&](const QSqlQuery& q) {
            core::Patron p;
            p.firstName = q.value(1).toString();
            p.lastName = q.value(2).toString();
            p.preferredName = q.value(3).toString();
            p.organisation = q.value(4).toString();
            PatronSearchHit hit;
            hit.patronId = q.value(0).toString();
            hit.displayName = p.displayName();
            hit.organisation = p.organisation;
            hit.patronNumber = q.value(5).toLongLong();
            hit.email = q.value(6).toString();
            hit.phone = q.value(7).toString();
            byId.insert(hit.patronId, hit);
        }))
        return {};
    // Keep the scan's order; a tombstoned patron's keys find nothing here and drop out.
    for (const auto& row : keyAndId) {
        auto it = byId.constFind(row.second);
        if (it == byId.constEnd())
            continue;
        PatronSearchHit hit = *it;
        hit.matchedKey = row.first;
        hits.append(hit);
    }
    return hits;
}

} // namespace foyer::storage
