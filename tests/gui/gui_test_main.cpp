// Catch2's runner inside a QGuiApplication: models need an application object, not widgets.
#define CATCH_CONFIG_RUNNER
#include <QGuiApplication>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
