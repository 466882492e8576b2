#include "StartupError.h"

namespace foyer::startup {

StartupError StartupError::fromDatabase(const storage::DatabaseError& error)
{
    using Kind = storage::DatabaseError::Kind;
    StartupError result;
    result.message = error.message;
    switch (error.kind) {
    case Kind::None:
        result.exitCode = Ok;
        break;
    case Kind::FileNotFound:
        result.exitCode = FileNotFound;
        break;
    case Kind::AlreadyExists:
        result.exitCode = OtherFailure;
        break;
    case Kind::NotAFoyerDatabase:
        result.exitCode = NotAFoyerDatabase;
        break;
    case Kind::WrongKeyOrNotADatabase:
        result.exitCode = WrongKey;
        break;
    case Kind::Corrupt:
        result.exitCode = Corrupt;
        break;
    case Kind::ReadOnly:
        result.exitCode = ReadOnly;
        break;
    case Kind::DiskFull:
        result.exitCode = DiskFull;
        break;
    case Kind::NewerSchema:
        result.exitCode = NewerSchema;
        break;
    case Kind::MigrationFailed:
        result.exitCode = MigrationFailed;
        break;
    case Kind::Other:
        result.exitCode = OtherFailure;
        break;
    }
    return result;
}

StartupError StartupError::fromKeyStore(const security::KeyStore::Result& keyResult)
{
    using Status = security::KeyStore::Status;
    StartupError result;
    result.message = keyResult.message;
    switch (keyResult.status) {
    case Status::Ok:
        result.exitCode = Ok;
        break;
    case Status::NotFound:
        result.exitCode = KeyMissing;
        break;
    case Status::Unavailable:
        result.exitCode = KeychainUnavailable;
        break;
    case Status::AccessDenied:
        result.exitCode = KeychainAccessDenied;
        break;
    case Status::Failed:
        result.exitCode = OtherFailure;
        break;
    }
    return result;
}

} // namespace foyer::startup
