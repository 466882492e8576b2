#include "PatronRepository.h"

#include <QSqlError>
#include <QVariant>

namespace foyer::storage {

namespace {

const QString PatronColumns = QStringLiteral(
    "id, patron_number, first_name, last_name, preferred_name, organisation, original_email, source, created_at");

// The upper bound of a case-insensitive prefix range: "smi" -> "smj". Lets SQLite use the NOCASE index with a
// range scan instead of LIKE (which 3.15 only optimises under case_sensitive_like rules).
QString prefixUpperBound(const QString& prefix)
{
    QString upper = prefix;
    for (QChar& c : upper) // NOCASE folds ASCII letters only; fold them the same way before taking the successor
        if (c.unicode() >= u'A' && c.unicode() <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    upper[upper.size() - 1] = QChar(upper.at(upper.size() - 1).unicode() + 1);
    return upper;
}

} // namespace

PatronRepository::PatronRepository(QSqlDatabase db) : m_db(std::move(db)), m_insert(m_db), m_prefixLookup(m_db)
{
    m_insert.prepare(QStringLiteral("INSERT INTO patron (") + PatronColumns +
                     QStringLiteral(", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    m_prefixLookup.setForwardOnly(true);
    m_prefixLookup.prepare(QStringLiteral("SELECT ") + PatronColumns +
                           QStringLiteral(" FROM patron WHERE last_name >= ? COLLATE NOCASE AND last_name < ? COLLATE "
                                          "NOCASE AND deleted_at IS NULL ORDER BY last_name COLLATE NOCASE, first_name "
                                          "COLLATE NOCASE LIMIT ?"));
}

qint64 PatronRepository::count()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT count(*) FROM patron WHERE deleted_at IS NULL")) && query.next())
        return query.value(0).toLongLong();
    return -1;
}

qint64 PatronRepository::nextPatronNumber()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT coalesce(max(patron_number), 0) + 1 FROM patron")) && query.next())
        return query.value(0).toLongLong();
    return -1;
}

bool PatronRepository::insert(const core::Patron& patron, QString* error)
{
    const QString createdAt = patron.createdAt.toUTC().toString(Qt::ISODateWithMs);
    m_insert.bindValue(0, patron.id);
    m_insert.bindValue(1, patron.patronNumber);
    m_insert.bindValue(2, patron.firstName);
    m_insert.bindValue(3, patron.lastName);
    m_insert.bindValue(4, patron.preferredName.isEmpty() ? QVariant() : QVariant(patron.preferredName));
    m_insert.bindValue(5, patron.organisation.isEmpty() ? QVariant() : QVariant(patron.organisation));
    m_insert.bindValue(6, patron.originalEmail.isEmpty() ? QVariant() : QVariant(patron.originalEmail));
    m_insert.bindValue(7, patron.source.isEmpty() ? QStringLiteral("box_office") : patron.source);
    m_insert.bindValue(8, createdAt);
    m_insert.bindValue(9, createdAt);
    if (!m_insert.exec()) {
        if (error)
            *error = m_insert.lastError().text();
        return false;
    }
    return true;
}

bool PatronRepository::insertBatch(const QList<core::Patron>& patrons, QString* error)
{
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    for (const core::Patron& patron : patrons) {
        if (!insert(patron, error)) {
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        if (error)
            *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

core::Patron PatronRepository::fromQuery(const QSqlQuery& query)
{
    core::Patron patron;
    patron.id = query.value(0).toString();
    patron.patronNumber = query.value(1).toLongLong();
    patron.firstName = query.value(2).toString();
    patron.lastName = query.value(3).toString();
    patron.preferredName = query.value(4).toString();
    patron.organisation = query.value(5).toString();
    patron.originalEmail = query.value(6).toString();
    patron.source = query.value(7).toString();
    patron.createdAt = QDateTime::fromString(query.value(8).toString(), Qt::ISODateWithMs);
    return patron;
}

QList<core::Patron> PatronRepository::findByLastNamePrefix(const QString& prefix, int limit)
{
    QList<core::Patron> result;
    if (prefix.isEmpty())
        return result;
    m_prefixLookup.bindValue(0, prefix);
    m_prefixLookup.bindValue(1, prefixUpperBound(prefix));
    m_prefixLookup.bindValue(2, limit);
    if (!m_prefixLookup.exec())
        return result;
    while (m_prefixLookup.next())
        result.append(fromQuery(m_prefixLookup));
    m_prefixLookup.finish();
    return result;
}

std::optional<core::Patron> PatronRepository::findById(const QString& id)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + PatronColumns + QStringLiteral(" FROM patron WHERE id = ?"));
    query.addBindValue(id);
    if (query.exec() && query.next())
        return fromQuery(query);
    return std::nullopt;
}

} // namespace foyer::storage
