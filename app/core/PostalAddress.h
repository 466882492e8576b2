#pragma once

#include <QCoreApplication>
#include <QString>

namespace foyer::core {

// One postal address of a patron; a patron has at most one primary address.
struct PostalAddress
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::PostalAddress)
public:
    QString id;
    QString line1;
    QString line2;
    QString city;
    QString region;
    QString postalCode;
    QString country;
    bool isPrimary = false;

    // "12 Mill Lane, Flat 2, Bristol BS1 4DJ, United Kingdom": empty parts left out.
    QString singleLine() const;
    // Why this address cannot be saved; empty when it can. Street and city are what a letter needs.
    QString problem() const;
};

} // namespace foyer::core
