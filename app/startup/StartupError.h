#pragma once

#include "DatabaseError.h"
#include "KeyStore.h"

#include <QString>

namespace foyer::startup {

// One failure while opening the workstation's database, with the process exit code that names its cause.
struct StartupError
{
    enum ExitCode
    {
        Ok = 0,
        OtherFailure = 1,
        Usage = 2,
        KeychainUnavailable = 10,
        KeychainAccessDenied = 11,
        KeyMissing = 12,
        WrongKey = 20,
        NotAFoyerDatabase = 21,
        Corrupt = 22,
        ReadOnly = 23,
        DiskFull = 24,
        NewerSchema = 25,
        MigrationFailed = 26,
        FileNotFound = 27,
        VenueSettings = 28, // a venue setting the workstation cannot follow (e.g. an unknown time zone)
        SignInFailed = 30
    };

    ExitCode exitCode = Ok;
    QString message;

    bool isError() const { return exitCode != Ok; }
    static StartupError fromDatabase(const storage::DatabaseError& error);
    static StartupError fromKeyStore(const security::KeyStore::Result& result);
};

} // namespace foyer::startup
