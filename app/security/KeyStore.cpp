#include "KeyStore.h"

#include <QDBusConnection>
#include <QDBusError>
#include <QEventLoop>
#include <qt6keychain/keychain.h>
#include <sodium.h>

namespace foyer::security {

namespace {

KeyStore::Result resultFromJob(const QKeychain::Job& job)
{
    KeyStore::Result result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = KeyStore::Status::Ok;
        return result;
    case QKeychain::EntryNotFound:
        result.status = KeyStore::Status::NotFound;
        result.message = KeyStore::tr("The keychain holds no key for this database.");
        return result;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = KeyStore::Status::Unavailable;
        result.message = KeyStore::tr("The keychain is not available (is a Secret Service such as gnome-keyring "
                                      "running?): %1")
                             .arg(job.errorString());
        return result;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = KeyStore::Status::AccessDenied;
        result.message = KeyStore::tr("The keychain refused access (it may be locked): %1").arg(job.errorString());
        return result;
    default:
        result.status = KeyStore::Status::Failed;
        result.message = KeyStore::tr("The keychain reported an error: %1").arg(job.errorString());
        return result;
    }
}

// QtKeychain jobs are asynchronous; the key is needed before anything else can happen, so wait here.
void runJob(QKeychain::Job& job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

} // namespace

KeyStore::KeyStore(QString service)
    : m_service(std::move(service))
{
}

core::SecureBuffer KeyStore::generateKey()
{
    core::SecureBuffer key(KeySize); // its constructor has run sodium_init
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

QString KeyStore::pendingEntryName(const QString& databaseId)
{
    return databaseId + QStringLiteral(".pending");
}

KeyStore::Result KeyStore::unavailableUnlessBusConnected()
{
    Result result;
    // QtKeychain reports a missing session bus as a generic error; name the real cause.
    if (!QDBusConnection::sessionBus().isConnected()) {
        result.status = Status::Unavailable;
        result.message = tr("The keychain is not available: no D-Bus session to reach the Secret Service (%1).")
                             .arg(QDBusConnection::sessionBus().lastError().message());
    }
    return result;
}

KeyStore::Result KeyStore::readKey(const QString& databaseId) const
{
    if (Result bus = unavailableUnlessBusConnected(); !bus.ok())
        return bus;
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(databaseId);
    runJob(job);
    Result result = resultFromJob(job);
    if (result.ok()) {
        // binaryData() shares the job's own buffer; the job is ours and ends here, so wipe that buffer in place
        // (SecureBuffer::wipe would only drop a shared buffer, leaving the job's copy in freed heap).
        const QByteArray shared = job.binaryData();
        result.key = core::SecureBuffer::copyOf(shared);
        if (!shared.isEmpty())
            sodium_memzero(const_cast<char*>(shared.constData()), size_t(shared.size()));
        if (result.key.size() != KeySize) {
            result.key.clear();
            result.status = Status::Failed;
            result.message = tr("The keychain entry for this database is not a Foyer key.");
        }
    }
    return result;
}

KeyStore::Result KeyStore::writeKey(const QString& databaseId, QByteArrayView key) const
{
    if (Result bus = unavailableUnlessBusConnected(); !bus.ok())
        return bus;
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(databaseId);
    // Raw data over the caller's (locked) bytes: the job reads them in place instead of keeping a heap copy.
    job.setBinaryData(QByteArray::fromRawData(key.data(), key.size()));
    runJob(job);
    return resultFromJob(job);
}

KeyStore::Result KeyStore::deleteKey(const QString& databaseId) const
{
    if (Result bus = unavailableUnlessBusConnected(); !bus.ok())
        return bus;
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(databaseId);
    runJob(job);
    return resultFromJob(job);
}

} // namespace foyer::security
