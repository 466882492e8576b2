#pragma once

#include "Patron.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace foyer::storage {

// Patrons in the local database. Statements are prepared once per repository and reused.
class PatronRepository
{
public:
    explicit PatronRepository(QSqlDatabase db);

    qint64 count();
    // Inserts one patron; the caller owns the transaction (insertBatch opens its own).
    bool insert(const core::Patron& patron, QString* error);
    bool insertBatch(const QList<core::Patron>& patrons, QString* error);
    QList<core::Patron> findByLastNamePrefix(const QString& prefix, int limit);
    std::optional<core::Patron> findById(const QString& id);
    qint64 nextPatronNumber();

private:
    static core::Patron fromQuery(const QSqlQuery& query);

    QSqlDatabase m_db;
    QSqlQuery m_insert;
    QSqlQuery m_prefixLookup;
};

} // namespace foyer::storage
