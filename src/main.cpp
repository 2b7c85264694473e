#include "cli/cli.hpp"

int main(int argc, char** argv) {
    return caws::cli::main(argc, argv);
}
