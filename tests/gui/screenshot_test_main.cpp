// Catch2's runner inside a QApplication: these tests show real widgets.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("iolab-tests"));
    return Catch::Session().run(argc, argv);
}
