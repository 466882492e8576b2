#include "SyncContext.h"

#include <QMutex>

namespace foyer::storage {

namespace {

QMutex& mutex()
{
    static QMutex m;
    return m;
}

QString& current()
{
    static QString id;
    return id;
}

} // namespace

void SyncContext::setStaffId(const QString& staffId)
{
    const QMutexLocker lock(&mutex());
    current() = staffId;
}

QString SyncContext::staffId()
{
    const QMutexLocker lock(&mutex());
    return current();
}

} // namespace foyer::storage
