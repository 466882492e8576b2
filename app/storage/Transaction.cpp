#include "Transaction.h"

#include "StorageFailure.h"
#include "SyncOperationWriter.h"

#include <QSqlError>

namespace foyer::storage {

Transaction::Transaction(QSqlDatabase db, QString* error)
    : m_db(std::move(db))
    , m_error(error)
{
    m_open = m_db.transaction() || fail(error, m_db.lastError().text());
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

bool Transaction::finish(bool ok)
{
    if (!m_open)
        return false;
    m_open = false;
    // The rows this transaction changed become its one sync operation, committed with them.
    QString foldError;
    if (ok && !SyncOperationWriter::fold(m_db, &foldError)) {
        fail(m_error, foldError);
        m_db.rollback();
        return false;
    }
    if (ok && m_db.commit())
        return true;
    if (ok)
        fail(m_error, m_db.lastError().text());
    m_db.rollback();
    return false;
}

} // namespace foyer::storage
