// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ComplianceRegistry} from "../src/compliance/ComplianceRegistry.sol";
import {FeeCollector} from "../src/fees/FeeCollector.sol";
import {LiquidityIncentives} from "../src/incentives/LiquidityIncentives.sol";
import {IComplianceRegistry} from "../src/interfaces/IComplianceRegistry.sol";
import {ILendingHub, Id, MarketParams} from "../src/interfaces/ILendingHub.sol";
import {ProgramKey} from "../src/interfaces/ILiquidityIncentives.sol";
import {INavOracle} from "../src/interfaces/INavOracle.sol";
import {IPaymentProcessor} from "../src/interfaces/IPaymentProcessor.sol";
import {IPlazaUSD} from "../src/interfaces/IPlazaUSD.sol";
import {
    INonfungiblePositionManager,
    ISwapRouter,
    IUniswapV3Factory,
    IUniswapV3Pool
} from "../src/interfaces/uniswap/IUniswapV3.sol";
import {KinkedRateModel} from "../src/lending/KinkedRateModel.sol";
import {LendingHub} from "../src/lending/LendingHub.sol";
import {LendingLens} from "../src/lending/LendingLens.sol";
import {SavingsVault} from "../src/lending/SavingsVault.sol";
import {MockUSDC} from "../src/mocks/MockUSDC.sol";
import {NavFeedAdapter} from "../src/oracle/NavFeedAdapter.sol";
import {NavOracle} from "../src/oracle/NavOracle.sol";
import {AdvancePool} from "../src/payfi/AdvancePool.sol";
import {MerchantRegistry} from "../src/payfi/MerchantRegistry.sol";
import {PaymentProcessor} from "../src/payfi/PaymentProcessor.sol";
import {PegStabilityModule} from "../src/psm/PegStabilityModule.sol";
import {RwaShareToken} from "../src/rwa/RwaShareToken.sol";
import {PlazaUSD} from "../src/stablecoin/PlazaUSD.sol";
import {UniswapV3Deployer} from "../test/utils/UniswapV3Deployer.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Script, console} from "forge-std/Script.sol";
import {stdJson} from "forge-std/StdJson.sol";
import {VmSafe} from "forge-std/Vm.sol";

/// @title Deploy
/// @notice Deploys the whole Plaza protocol to one chain from a JSON configuration and writes the `@plaza/abi`
/// address book (`{chainId, network, contracts: {Name: {address, block}}}`).
///
/// Usage (from `contracts/`; the npm script `deploy` of the contracts package wraps it and records exact blocks):
///
///     PLAZA_NETWORK=anvil forge script script/Deploy.s.sol --rpc-url $RPC --private-key $KEY --broadcast
///
/// Environment: `PLAZA_NETWORK` picks `deployments/config/<network>.json` (default `anvil`), or
/// `PLAZA_DEPLOY_CONFIG` gives the config path; `PLAZA_DEPLOY_OUTPUT` is where the address book goes (default
/// `../packages/abi/deployments/<chainId>.json`; it must be inside a `fs_permissions` read-write path of
/// foundry.toml). Or call `runWith(configPath, outputPath)` with `--sig`.
///
/// Safety: a chain where the output file's contracts already have code is refused before any transaction.
/// Everything is simulated before anything is broadcast, so an invalid configuration or a failing step deploys
/// nothing. The address book is only written when broadcasting (a dry run prints it instead).
///
/// Roles: the broadcasting account (the deployer) bootstraps every contract as its admin, wires the modules,
/// then hands each role to the configured holder; admin transfers are two-step (the new admin accepts, after
/// `roles.adminDelay` for the AccessControl contracts).
///
/// Adding a module: add its config section, a `_deploy<Module>()` step in `deploy()` after the modules it
/// depends on, record its contracts with `_record`, push AccessControl contracts to `_adminRules`, and check its
/// wiring in `test/script/Deploy.t.sol`.
contract Deploy is Script {
    using stdJson for string;

    // -------------------------------------------------------------------------------------------------------------
    // What the modules deployed so far expose to the ones after them (later phases add their contracts here).
    // -------------------------------------------------------------------------------------------------------------

    ComplianceRegistry public registry;
    PlazaUSD public pusdImplementation;
    PlazaUSD public pusd;
    IERC20Metadata public usdc;
    FeeCollector public feeCollector;
    PegStabilityModule public psm;
    NavOracle public oracle;
    /// @dev One RWA share token and one NavFeedAdapter (pUSD, 18 decimals) per configured asset, in config order.
    RwaShareToken[] internal _rwaTokens;
    NavFeedAdapter[] internal _navAdapters;
    /// @notice The lending hub, its read-only lens and one KinkedRateModel per `lending.rateModels` entry.
    LendingHub public lendingHub;
    LendingLens public lendingLens;
    KinkedRateModel[] internal _rateModels;
    /// @dev One market per `lending.markets` entry (pUSD lent against an RWA share), in config order.
    MarketParams[] internal _markets;
    /// @dev Market index + 1 by its collateral's symbol (0: none).
    mapping(string symbol => uint256) internal _marketOfSymbol;
    /// @notice spUSD: the SavingsVault allocating pUSD to the markets.
    SavingsVault public savingsVault;
    MerchantRegistry public merchantRegistry;
    PaymentProcessor public paymentProcessor;
    AdvancePool public advancePool;
    /// @notice Uniswap v3 (deployed from the npm artifacts on dev chains, or the configured one).
    INonfungiblePositionManager public positionManager;
    ISwapRouter public swapRouter;
    /// @notice The pUSD/USDC pool at `incentives.poolFee`, created (and initialized at 1.0) if missing.
    IUniswapV3Pool public pusdUsdcPool;
    LiquidityIncentives public incentives;
    /// @notice The pUSD fee-share stream opened by the deployment (rate 0 when the config opens none).
    ProgramKey internal _feeShareStream;

    /// @notice The broadcasting account.
    address public deployer;

    string internal _config;
    string internal _network;
    uint256 internal _startBlock;

    /// @dev The address book, in deployment order.
    string[] internal _names;
    mapping(string name => address) internal _deployed;

    /// @dev Contracts whose default admin (OpenZeppelin `AccessControlDefaultAdminRules`) is handed over at the end.
    address[] internal _adminRules;

    // -------------------------------------------------------------------------------------------------------------
    // Entry points
    // -------------------------------------------------------------------------------------------------------------

    /// @notice Reads the config and output paths from the environment (see the contract's documentation).
    function run() external {
        string memory root = vm.projectRoot();
        string memory network = vm.envOr("PLAZA_NETWORK", string("anvil"));
        string memory configPath =
            vm.envOr("PLAZA_DEPLOY_CONFIG", string.concat(root, "/deployments/config/", network, ".json"));
        string memory outputPath = vm.envOr(
            "PLAZA_DEPLOY_OUTPUT",
            string.concat(root, "/../packages/abi/deployments/", vm.toString(block.chainid), ".json")
        );
        runWith(configPath, outputPath);
    }

    /// @notice Deploys with the config at `configPath` and writes the address book to `outputPath`.
    function runWith(string memory configPath, string memory outputPath) public {
        _refuseRedeployment(outputPath);
        if (!vm.exists(configPath)) revert(string.concat("Deploy: no config file at ", configPath));
        deploy(vm.readFile(configPath));
        _writeAddressBook(outputPath);
    }

    /// @notice Deploys every module from the JSON config `config`, broadcasting from the default sender.
    function deploy(string memory config) public {
        _config = config;
        _network = _string(".network");
        _startBlock = block.number;

        // The broadcasting account: `--private-key`/`--sender` in a script, forge's default sender in a test.
        vm.startBroadcast();
        (, deployer,) = vm.readCallers();
        vm.stopBroadcast();
        _checkConfig();

        vm.startBroadcast(deployer);

        // Modules, in dependency order.
        _deployCompliance();
        _deployStablecoin();
        _deployReserveToken();
        _deployFees();
        _deployPsm();
        _deployOracle();
        _deployRwaAssets();
        _deployLending();
        _deploySavings();
        _deployPayFi();
        _deployIncentives();

        // Wiring that needs every module to exist, then the role handover.
        _applyExemptions();
        _applyFeeSplit();
        _handOverRoles();
        vm.stopBroadcast();
    }

    /// @notice The RWA share tokens, in config order.
    function rwaTokens() external view returns (RwaShareToken[] memory) {
        return _rwaTokens;
    }

    /// @notice The NavFeedAdapters (one per RWA asset, pUSD-quoted), in config order.
    function navAdapters() external view returns (NavFeedAdapter[] memory) {
        return _navAdapters;
    }

    /// @notice The KinkedRateModels, in config order.
    function rateModels() external view returns (KinkedRateModel[] memory) {
        return _rateModels;
    }

    /// @notice The lending markets' parameters, in config order.
    function markets() external view returns (MarketParams[] memory) {
        return _markets;
    }

    /// @notice The id of the market whose collateral is the asset `symbol` (reverts if there is none).
    function marketIdOf(string memory symbol) public view returns (Id) {
        uint256 index = _marketOfSymbol[symbol];
        if (index == 0) revert(string.concat("Deploy: no lending market has collateral ", symbol));
        return Id.wrap(keccak256(abi.encode(_markets[index - 1])));
    }

    /// @notice The key of the pUSD fee-share stream (`rate == 0` when none was opened).
    function feeShareStream() external view returns (ProgramKey memory) {
        return _feeShareStream;
    }

    /// @notice The address book entries: contract names in deployment order and their addresses.
    function deployedContracts() external view returns (string[] memory names, address[] memory addresses) {
        names = _names;
        addresses = new address[](names.length);
        for (uint256 i; i < names.length; ++i) {
            addresses[i] = _deployed[names[i]];
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Modules
    // -------------------------------------------------------------------------------------------------------------

    /// @dev ComplianceRegistry: attesters, sanctioned jurisdictions and named policies (id = keccak256(name)).
    function _deployCompliance() internal {
        registry = new ComplianceRegistry(_adminDelay(), deployer);
        _record("ComplianceRegistry", address(registry));
        _adminRules.push(address(registry));

        address[] memory attesters = _addresses(".compliance.attesters");
        for (uint256 i; i < attesters.length; ++i) {
            registry.grantRole(registry.ATTESTER_ROLE(), attesters[i]);
        }
        string[] memory sanctioned = _strings(".compliance.sanctionedJurisdictions");
        for (uint256 i; i < sanctioned.length; ++i) {
            registry.setJurisdictionSanctioned(_jurisdiction(sanctioned[i]), true);
        }
        for (uint256 i; _has(_at(".compliance.policies", i)); ++i) {
            string memory key = _at(".compliance.policies", i);
            string memory name = _string(string.concat(key, ".name"));
            string[] memory blockedCodes = _strings(string.concat(key, ".blockedJurisdictions"));
            bytes2[] memory blocked = new bytes2[](blockedCodes.length);
            for (uint256 j; j < blocked.length; ++j) {
                blocked[j] = _jurisdiction(blockedCodes[j]);
            }
            registry.setPolicy(
                keccak256(bytes(name)),
                _uint8(string.concat(key, ".minKycLevel")),
                _uint16(string.concat(key, ".minCreditScore")),
                blocked
            );
        }
    }

    /// @dev pUSD: implementation, ERC-1967 proxy initialized with the deployer as master minter (so it can add the
    /// PSM; handed over at the end), the registry as blocklister, and the registry mirroring into pUSD.
    function _deployStablecoin() internal {
        pusdImplementation = new PlazaUSD();
        bytes memory init = abi.encodeCall(
            PlazaUSD.initialize,
            (deployer, deployer, _address(".roles.pauser"), address(registry), _address(".roles.rescuer"))
        );
        pusd = PlazaUSD(address(new ERC1967Proxy(address(pusdImplementation), init)));
        _record("PlazaUSDImplementation", address(pusdImplementation));
        _record("PlazaUSD", address(pusd));
        registry.setBlocklistMirror(address(pusd));
    }

    /// @dev The PSM's reserve stablecoin: the configured USDC, or a MockUSDC faucet token on dev chains.
    function _deployReserveToken() internal {
        string memory configured = _string(".stablecoin.usdc");
        if (_eq(configured, "mock")) {
            MockUSDC mock = new MockUSDC();
            _record("MockUSDC", address(mock));
            usdc = IERC20Metadata(address(mock));
        } else {
            usdc = IERC20Metadata(vm.parseAddress(configured));
        }
    }

    /// @dev FeeCollector, bootstrapped with the deployer as its only recipient; `_applyFeeSplit` sets the configured
    /// split once every recipient contract exists.
    function _deployFees() internal {
        FeeCollector.Recipient[] memory bootstrap = new FeeCollector.Recipient[](1);
        bootstrap[0] = FeeCollector.Recipient({account: deployer, bps: 10_000, notify: false});
        feeCollector = new FeeCollector(_adminDelay(), deployer, bootstrap);
        _record("FeeCollector", address(feeCollector));
        _adminRules.push(address(feeCollector));
    }

    /// @dev PegStabilityModule: fees, debt ceiling, the pauser, and pUSD's unlimited minter allowance.
    function _deployPsm() internal {
        psm = new PegStabilityModule(
            IPlazaUSD(address(pusd)),
            usdc,
            address(feeCollector),
            _uint(".psm.debtCeilingPusd") * 1e18,
            _adminDelay(),
            deployer
        );
        _record("PegStabilityModule", address(psm));
        _adminRules.push(address(psm));
        psm.setFees(_uint16(".psm.tinBps"), _uint16(".psm.toutBps"));
        psm.grantRole(psm.PAUSER_ROLE(), _address(".roles.pauser"));
        pusd.configureMinter(address(psm), type(uint256).max);
    }

    /// @dev NavOracle (bonds in pUSD, slashes to the FeeCollector) and its guardians. Feeds come with the assets.
    function _deployOracle() internal {
        uint256 delay = _uint(".oracle.unbondingDelay");
        // forge-lint: disable-next-line(unsafe-typecast)
        oracle = new NavOracle(IERC20(address(pusd)), address(feeCollector), uint32(delay), _adminDelay(), deployer);
        _record("NavOracle", address(oracle));
        _adminRules.push(address(oracle));
        address[] memory guardians = _addresses(".oracle.guardians");
        for (uint256 i; i < guardians.length; ++i) {
            oracle.grantRole(oracle.GUARDIAN_ROLE(), guardians[i]);
        }
    }

    /// @dev Per asset: the RwaShareToken (policy by name, issuer and distributor roles), its NAV feed with the
    /// approved reporters (who register with a bond themselves), and a NavFeedAdapter quoting it in pUSD. The first
    /// answer of every feed freezes until a guardian confirms it (contracts/README.md, NavOracle).
    function _deployRwaAssets() internal {
        for (uint256 i; _has(_at(".rwa.assets", i)); ++i) {
            string memory key = _at(".rwa.assets", i);
            string memory symbol = _string(string.concat(key, ".symbol"));
            RwaShareToken token = new RwaShareToken(
                _string(string.concat(key, ".name")),
                symbol,
                IComplianceRegistry(address(registry)),
                _policyId(_string(string.concat(key, ".policy"))),
                IERC20(address(pusd)),
                _uint32(string.concat(key, ".streamDuration")),
                _adminDelay(),
                deployer
            );
            _record(string.concat("RwaShareToken_", symbol), address(token));
            _adminRules.push(address(token));
            _rwaTokens.push(token);
            token.grantRole(token.ISSUER_ROLE(), _address(string.concat(key, ".issuer")));
            token.grantRole(token.DISTRIBUTOR_ROLE(), _address(string.concat(key, ".distributor")));

            string memory feed = string.concat(key, ".feed");
            uint256 feedId =
                oracle.createFeed(address(token), _string(string.concat(feed, ".description")), _feedParams(feed));
            address[] memory reporters = _addresses(string.concat(feed, ".reporters"));
            for (uint256 j; j < reporters.length; ++j) {
                oracle.setReporterApproval(feedId, reporters[j], true);
            }
            NavFeedAdapter adapter = new NavFeedAdapter(oracle, feedId, 18);
            _record(string.concat("NavFeedAdapter_", symbol), address(adapter));
            _navAdapters.push(adapter);
        }
    }

    /// @dev LendingHub (the FeeCollector takes reserves), one KinkedRateModel per `lending.rateModels` entry
    /// (`KinkedRateModel_<name>`, APRs in bps turned into per-second WAD rates), the LLTVs and NavFeedAdapters the
    /// markets use enabled, one market per `lending.markets` entry (pUSD lent against an RWA share, priced by that
    /// asset's adapter) with its reserve factor, caps and minimum leftover, the risk managers and guardians, and the
    /// LendingLens. The hub must hold permissioned shares, so `compliance.exempt` must list the hub.
    function _deployLending() internal {
        lendingHub = new LendingHub(
            IComplianceRegistry(address(registry)),
            address(feeCollector),
            _uint16(".lending.defaultReserveFactorBps"),
            // forge-lint: disable-next-line(unsafe-typecast)
            uint72(_uint(".lending.defaultMinLeftoverPusd") * 1e18),
            deployer
        );
        _record("LendingHub", address(lendingHub));
        for (uint256 i; _has(_at(".lending.rateModels", i)); ++i) {
            string memory key = _at(".lending.rateModels", i);
            KinkedRateModel model = new KinkedRateModel(
                _aprBpsToRate(string.concat(key, ".baseAprBps")),
                _aprBpsToRate(string.concat(key, ".slope1AprBps")),
                _uint(string.concat(key, ".kinkBps")) * 1e14,
                _aprBpsToRate(string.concat(key, ".slope2AprBps"))
            );
            _record(string.concat("KinkedRateModel_", _string(string.concat(key, ".name"))), address(model));
            _rateModels.push(model);
            lendingHub.setRateModelEnabled(address(model), true);
        }
        lendingHub.setRiskManager(deployer, true);
        for (uint256 i; _has(_at(".lending.markets", i)); ++i) {
            _createMarket(_at(".lending.markets", i));
        }
        address[] memory managers = _addresses(".lending.riskManagers");
        bool keep;
        for (uint256 i; i < managers.length; ++i) {
            if (managers[i] == deployer) keep = true;
            else lendingHub.setRiskManager(managers[i], true);
        }
        if (!keep) lendingHub.setRiskManager(deployer, false);
        address[] memory guardians = _addresses(".lending.guardians");
        for (uint256 i; i < guardians.length; ++i) {
            lendingHub.setGuardian(guardians[i], true);
        }
        lendingLens = new LendingLens(ILendingHub(address(lendingHub)));
        _record("LendingLens", address(lendingLens));
    }

    /// @dev One market: enables its LLTV and oracle (the collateral's NavFeedAdapter) if needed, creates it, and sets
    /// its reserve factor, caps (absent = none) and minimum leftover.
    function _createMarket(string memory key) internal {
        string memory symbol = _string(string.concat(key, ".collateral"));
        uint256 asset = _assetIndex(symbol, string.concat(key, ".collateral"));
        uint256 lltv = _uint(string.concat(key, ".lltvBps")) * 1e14;
        if (!lendingHub.isLltvEnabled(lltv)) lendingHub.setLltvEnabled(lltv, true);
        address adapter = address(_navAdapters[asset]);
        if (!lendingHub.isOracleEnabled(adapter)) lendingHub.setOracleEnabled(adapter, true);
        MarketParams memory params = MarketParams({
            loanToken: address(pusd),
            collateralToken: address(_rwaTokens[asset]),
            oracle: adapter,
            rateModel: address(_rateModels[_rateModelIndex(string.concat(key, ".rateModel"))]),
            lltv: lltv,
            policyId: _policyId(_string(string.concat(key, ".policy")))
        });
        lendingHub.createMarket(params);
        lendingHub.setMarketConfig(
            params,
            _uint16(string.concat(key, ".reserveFactorBps")),
            _capOrNone(string.concat(key, ".supplyCapPusd")),
            _capOrNone(string.concat(key, ".borrowCapPusd")),
            _uint(string.concat(key, ".minLeftoverPusd")) * 1e18
        );
        _markets.push(params);
        _marketOfSymbol[symbol] = _markets.length;
    }

    /// @dev SavingsVault (spUSD) over pUSD lending through the hub: performance fee (bps of the yield, minted as
    /// spUSD to the FeeCollector), vesting period, a cap per listed market (by collateral symbol), the supply queue,
    /// then the curator and income-source roles (the deployer keeps one only if listed).
    function _deploySavings() internal {
        string memory s = ".savings";
        savingsVault = new SavingsVault(
            ILendingHub(address(lendingHub)),
            IERC20(address(pusd)),
            _string(string.concat(s, ".name")),
            _string(string.concat(s, ".symbol")),
            address(feeCollector),
            _uint(string.concat(s, ".performanceFeeBps")) * 1e14,
            _uint32(string.concat(s, ".vestingPeriod")),
            _adminDelay(),
            deployer
        );
        _record("SavingsVault", address(savingsVault));
        _adminRules.push(address(savingsVault));
        bytes32 curator = savingsVault.CURATOR_ROLE();
        savingsVault.grantRole(curator, deployer);
        for (uint256 i; _has(_at(".savings.caps", i)); ++i) {
            string memory key = _at(".savings.caps", i);
            savingsVault.setCap(
                marketIdOf(_string(string.concat(key, ".market"))), _uint(string.concat(key, ".capPusd")) * 1e18
            );
        }
        string[] memory queue = _strings(".savings.supplyQueue");
        Id[] memory ids = new Id[](queue.length);
        for (uint256 i; i < queue.length; ++i) {
            ids[i] = marketIdOf(queue[i]);
        }
        savingsVault.setSupplyQueue(ids);
        _setRoleHolders(address(savingsVault), curator, _addresses(".savings.curators"));
        bytes32 incomeSource = savingsVault.INCOME_SOURCE_ROLE();
        savingsVault.grantRole(incomeSource, deployer);
        _setRoleHolders(address(savingsVault), incomeSource, _addresses(".savings.incomeSources"));
    }

    /// @dev PayFi in the README's order: MerchantRegistry, PaymentProcessor (which deploys the LoyaltyPoints
    /// implementation), `setProcessor`, AdvancePool, `setAdvancePool`; then tier fees, the referral share and the
    /// merchant, fee and risk roles.
    function _deployPayFi() internal {
        merchantRegistry = new MerchantRegistry(
            IComplianceRegistry(address(registry)), _policyId(_string(".payfi.merchantPolicy")), _adminDelay(), deployer
        );
        _record("MerchantRegistry", address(merchantRegistry));
        _adminRules.push(address(merchantRegistry));
        paymentProcessor = new PaymentProcessor(IPlazaUSD(address(pusd)), merchantRegistry, address(feeCollector));
        _record("PaymentProcessor", address(paymentProcessor));
        _record("LoyaltyPointsImplementation", paymentProcessor.loyaltyImplementation());
        merchantRegistry.setProcessor(IPaymentProcessor(address(paymentProcessor)));

        string memory pool = ".payfi.advancePool";
        advancePool = new AdvancePool(
            IERC20(address(pusd)),
            paymentProcessor,
            IComplianceRegistry(address(registry)),
            AdvancePool.Parameters({
                minCreditScore: _uint16(string.concat(pool, ".minCreditScore")),
                minAdvanceRateBps: _uint16(string.concat(pool, ".minAdvanceRateBps")),
                maxAdvanceRateBps: _uint16(string.concat(pool, ".maxAdvanceRateBps")),
                discountFeeBps: _uint16(string.concat(pool, ".discountFeeBps")),
                // forge-lint: disable-next-line(unsafe-typecast)
                maxDebtPerMerchant: uint128(_uint(string.concat(pool, ".maxDebtPerMerchantPusd")) * 1e18)
            }),
            _adminDelay(),
            deployer
        );
        _record("AdvancePool", address(advancePool));
        _adminRules.push(address(advancePool));
        merchantRegistry.setAdvancePool(address(advancePool));

        uint256[] memory tierFees = _config.readUintArray(".payfi.tierFeesBps");
        for (uint256 i; i < tierFees.length; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast)
            merchantRegistry.setTierFee(uint8(i), uint16(tierFees[i]));
        }
        merchantRegistry.setReferralShare(_uint16(".payfi.referralShareBps"));

        _setRoleHolders(
            address(merchantRegistry), merchantRegistry.MERCHANT_ADMIN_ROLE(), _addresses(".payfi.merchantAdmins")
        );
        _setRoleHolders(address(merchantRegistry), merchantRegistry.FEE_ADMIN_ROLE(), _addresses(".payfi.feeAdmins"));
        _setRoleHolders(
            address(advancePool), advancePool.RISK_MANAGER_ROLE(), _addresses(string.concat(pool, ".riskManagers"))
        );
    }

    /// @dev Uniswap v3 (from the npm artifacts on dev chains, or the configured one), the pUSD/USDC pool at
    /// `incentives.poolFee` initialized at 1.0, LiquidityIncentives with the FeeCollector allowed to notify it, and
    /// (if configured) the open-ended pUSD fee-share stream over a band of `bandTicks` around the pool's tick.
    /// `fees.recipients` makes it a recipient with `"notify": true`.
    function _deployIncentives() internal {
        if (_has(".incentives.uniswap.positionManager")) {
            positionManager = INonfungiblePositionManager(_address(".incentives.uniswap.positionManager"));
            swapRouter = ISwapRouter(_address(".incentives.uniswap.swapRouter"));
        } else {
            UniswapV3Deployer.Contracts memory uni = UniswapV3Deployer.deploy();
            _record("WETH9", uni.weth9);
            _record("UniswapV3Factory", address(uni.factory));
            _record("NFTDescriptor", uni.nftDescriptorLibrary);
            _record("NonfungibleTokenPositionDescriptor", uni.positionDescriptor);
            _record("NonfungiblePositionManager", address(uni.positionManager));
            _record("SwapRouter", address(uni.swapRouter));
            positionManager = uni.positionManager;
            swapRouter = uni.swapRouter;
        }
        uint24 fee = _uint24(".incentives.poolFee");
        (address token0, address token1) =
            address(pusd) < address(usdc) ? (address(pusd), address(usdc)) : (address(usdc), address(pusd));
        pusdUsdcPool = IUniswapV3Pool(
            positionManager.createAndInitializePoolIfNecessary(
                token0,
                token1,
                fee,
                UniswapV3Deployer.sqrtPriceX96AtParity(
                    IERC20Metadata(token0).decimals(), IERC20Metadata(token1).decimals()
                )
            )
        );
        _record("PusdUsdcPool", address(pusdUsdcPool));

        incentives = new LiquidityIncentives(positionManager, deployer);
        _record("LiquidityIncentives", address(incentives));
        incentives.setFeeCollector(address(feeCollector));

        if (_has(".incentives.stream")) {
            (, int24 tick,,,,,) = pusdUsdcPool.slot0();
            int24 band = _int24(".incentives.stream.bandTicks");
            _feeShareStream = ProgramKey({
                rewardToken: IERC20(address(pusd)),
                pool: address(pusdUsdcPool),
                refundee: _address(".incentives.stream.refundee"),
                startTime: uint32(block.timestamp),
                endTime: 0,
                tickLower: tick - band,
                tickUpper: tick + band,
                // forge-lint: disable-next-line(unsafe-typecast)
                rate: uint96(_uint(".incentives.stream.ratePusdPerDay") * 1e18 / 1 days)
            });
            incentives.createStream(_feeShareStream);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Final wiring and handover
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Protocol contracts exempted from compliance policies (they hold permissioned assets for users).
    function _applyExemptions() internal {
        address[] memory exempt = _addresses(".compliance.exempt");
        for (uint256 i; i < exempt.length; ++i) {
            registry.setExempt(exempt[i], true);
        }
    }

    /// @dev The configured fee split (accounts may name deployed contracts, e.g. `@SavingsVault`).
    function _applyFeeSplit() internal {
        uint256 count;
        while (_has(_at(".fees.recipients", count))) ++count;
        FeeCollector.Recipient[] memory recipients = new FeeCollector.Recipient[](count);
        for (uint256 i; i < count; ++i) {
            string memory key = _at(".fees.recipients", i);
            recipients[i] = FeeCollector.Recipient({
                account: _address(string.concat(key, ".account")),
                bps: _uint16(string.concat(key, ".bps")),
                notify: _has(string.concat(key, ".notify")) && _config.readBool(string.concat(key, ".notify"))
            });
        }
        feeCollector.setRecipients(recipients);
        // The vault vests what a notifying FeeCollector sends it only from an income source.
        for (uint256 i; i < count; ++i) {
            if (recipients[i].account == address(savingsVault) && recipients[i].notify) {
                bytes32 role = savingsVault.INCOME_SOURCE_ROLE();
                if (!savingsVault.hasRole(role, address(feeCollector))) {
                    savingsVault.grantRole(role, address(feeCollector));
                }
            }
        }
    }

    /// @dev Hands every role the deployer held for bootstrapping to its configured holder.
    function _handOverRoles() internal {
        address masterMinter = _address(".roles.masterMinter");
        if (masterMinter != deployer) pusd.setMasterMinter(masterMinter);

        address owner = _address(".incentives.owner");
        if (owner != deployer) {
            incentives.transferOwnership(owner);
            console.log("Deploy: %s must call acceptOwnership() on LiquidityIncentives", owner);
        }

        address admin = _address(".roles.admin");
        if (admin == deployer) return;
        pusd.transferOwnership(admin);
        console.log("Deploy: %s must call acceptOwnership() on PlazaUSD", admin);
        lendingHub.transferOwnership(admin);
        console.log("Deploy: %s must call acceptOwnership() on LendingHub", admin);
        for (uint256 i; i < _adminRules.length; ++i) {
            AccessControlDefaultAdminRules(_adminRules[i]).beginDefaultAdminTransfer(admin);
            console.log("Deploy: %s must call acceptDefaultAdminTransfer() on %s", admin, _adminRules[i]);
        }
    }

    /// @dev Grants `role` on an AccessControl contract to `holders`; the deployer keeps it only if listed.
    function _setRoleHolders(address target, bytes32 role, address[] memory holders) internal {
        AccessControlDefaultAdminRules ac = AccessControlDefaultAdminRules(target);
        bool keep;
        for (uint256 i; i < holders.length; ++i) {
            if (holders[i] == deployer) keep = true;
            else ac.grantRole(role, holders[i]);
        }
        if (!keep && ac.hasRole(role, deployer)) ac.renounceRole(role, deployer);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Safety checks
    // -------------------------------------------------------------------------------------------------------------

    /// @dev Refuses to deploy again where the address book at `outputPath` already describes live contracts.
    function _refuseRedeployment(string memory outputPath) internal view {
        if (!vm.exists(outputPath)) return;
        string memory book = vm.readFile(outputPath);
        if (bytes(book).length == 0) return;
        uint256 chainId = book.readUint(".chainId");
        if (chainId != block.chainid) {
            revert(
                string.concat(
                    "Deploy: ",
                    outputPath,
                    " holds the deployment of chain ",
                    vm.toString(chainId),
                    ", not of this chain (",
                    vm.toString(block.chainid),
                    "). Choose another output path."
                )
            );
        }
        string[] memory names = vm.parseJsonKeys(book, ".contracts");
        for (uint256 i; i < names.length; ++i) {
            address at = book.readAddress(string.concat(".contracts.", names[i], ".address"));
            if (at.code.length != 0) {
                revert(
                    string.concat(
                        "Deploy: Plaza is already deployed on chain ",
                        vm.toString(block.chainid),
                        " (",
                        names[i],
                        " at ",
                        vm.toString(at),
                        ", listed in ",
                        outputPath,
                        "). Refusing to deploy again: nothing was sent. To deploy a second copy, write it to another output path."
                    )
                );
            }
        }
    }

    /// @dev Validates what the contracts would otherwise reject with less helpful errors, before any deployment.
    function _checkConfig() internal view {
        if (bytes(_network).length == 0) revert("Deploy: config .network must be a non-empty string");
        _adminDelay();
        _checkAccount(".roles.admin");
        _checkAccount(".roles.masterMinter");
        _checkAccount(".roles.pauser");
        _checkAccount(".roles.rescuer");
        _checkAccounts(".compliance.attesters");
        _checkAccounts(".compliance.exempt");
        _checkJurisdictions(".compliance.sanctionedJurisdictions");
        for (uint256 i; _has(_at(".compliance.policies", i)); ++i) {
            string memory key = _at(".compliance.policies", i);
            if (bytes(_string(string.concat(key, ".name"))).length == 0) {
                revert(string.concat("Deploy: config ", key, ".name must be a non-empty string"));
            }
            _uint8(string.concat(key, ".minKycLevel"));
            if (_uint16(string.concat(key, ".minCreditScore")) > 1000) {
                revert(string.concat("Deploy: config ", key, ".minCreditScore must be at most 1000"));
            }
            _checkJurisdictions(string.concat(key, ".blockedJurisdictions"));
        }
        if (_eq(_string(".stablecoin.usdc"), "mock")) {
            if (!(_has(".devChain") && _config.readBool(".devChain"))) {
                revert("Deploy: stablecoin.usdc = \"mock\" needs \"devChain\": true (MockUSDC is a faucet token)");
            }
            if (_isMainnet()) revert("Deploy: refusing to deploy MockUSDC on a mainnet");
        } else {
            address configured = vm.parseAddress(_string(".stablecoin.usdc"));
            if (configured.code.length == 0) revert("Deploy: stablecoin.usdc has no code on this chain");
        }
        uint256 ceiling = _uint(".psm.debtCeilingPusd");
        if (ceiling == 0 || ceiling > type(uint104).max / 1e18) {
            revert("Deploy: psm.debtCeilingPusd must be between 1 and 20282409603651 (whole pUSD)");
        }
        if (_uint(".psm.tinBps") > 1000 || _uint(".psm.toutBps") > 1000) {
            revert("Deploy: psm.tinBps and psm.toutBps must be at most 1000 (10%)");
        }
        _checkOracleAndAssets();
        _checkLending();
        _checkSavings();
        _checkPayFi();
        _checkIncentives();
        uint256 sum;
        uint256 count;
        for (; _has(_at(".fees.recipients", count)); ++count) {
            _checkAccount(string.concat(_at(".fees.recipients", count), ".account"));
            sum += _uint16(string.concat(_at(".fees.recipients", count), ".bps"));
        }
        if (count == 0 || count > 8) revert("Deploy: fees.recipients must list 1 to 8 recipients");
        if (sum != 10_000) {
            revert(string.concat("Deploy: fees.recipients bps add up to ", vm.toString(sum), ", not 10000"));
        }
    }

    function _checkOracleAndAssets() internal view {
        uint256 delay = _uint(".oracle.unbondingDelay");
        if (delay < 1 hours || delay > 90 days) {
            revert("Deploy: config .oracle.unbondingDelay must be between 3600 and 7776000 seconds (1 hour to 90 days)");
        }
        _checkAccounts(".oracle.guardians");
        for (uint256 i; _has(_at(".rwa.assets", i)); ++i) {
            string memory key = _at(".rwa.assets", i);
            if (bytes(_string(string.concat(key, ".name"))).length == 0) {
                revert(string.concat("Deploy: config ", key, ".name must be a non-empty string"));
            }
            bytes memory symbol = bytes(_string(string.concat(key, ".symbol")));
            bool alphanumeric = symbol.length > 0 && symbol.length <= 11;
            for (uint256 j; j < symbol.length; ++j) {
                bytes1 c = symbol[j];
                if (!((c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9"))) {
                    alphanumeric = false;
                }
            }
            if (!alphanumeric) {
                revert(
                    string.concat(
                        "Deploy: config ",
                        key,
                        ".symbol must be 1 to 11 letters or digits (it names the address book entries)"
                    )
                );
            }
            for (uint256 j; j < i; ++j) {
                if (_eq(_string(string.concat(_at(".rwa.assets", j), ".symbol")), string(symbol))) {
                    revert(string.concat("Deploy: config ", key, ".symbol repeats ", string(symbol)));
                }
            }
            _checkPolicy(string.concat(key, ".policy"));
            uint256 duration = _uint32(string.concat(key, ".streamDuration"));
            if (duration < 1 hours || duration > 730 days) {
                revert(
                    string.concat("Deploy: config ", key, ".streamDuration must be between 3600 and 63072000 seconds")
                );
            }
            _checkAccount(string.concat(key, ".issuer"));
            _checkAccount(string.concat(key, ".distributor"));
            string memory feed = string.concat(key, ".feed");
            _feedParams(feed); // ranges checked there
            _checkAccounts(string.concat(feed, ".reporters"));
        }
    }

    function _checkLending() internal view {
        if (_uint16(".lending.defaultReserveFactorBps") > 5000) {
            revert("Deploy: config .lending.defaultReserveFactorBps must be at most 5000 (50% of interest)");
        }
        if (_uint(".lending.defaultMinLeftoverPusd") > type(uint72).max / 1e18) {
            revert("Deploy: config .lending.defaultMinLeftoverPusd must be at most 4722 (whole pUSD, uint72 wei)");
        }
        _checkAccounts(".lending.riskManagers");
        _checkAccounts(".lending.guardians");
        for (uint256 i; _has(_at(".lending.rateModels", i)); ++i) {
            string memory key = _at(".lending.rateModels", i);
            _checkName(string.concat(key, ".name"));
            for (uint256 j; j < i; ++j) {
                if (_eq(
                        _string(string.concat(_at(".lending.rateModels", j), ".name")),
                        _string(string.concat(key, ".name"))
                    )) {
                    revert(string.concat("Deploy: config ", key, ".name repeats another rate model's name"));
                }
            }
            uint256 kink = _uint(string.concat(key, ".kinkBps"));
            if (kink == 0 || kink >= 10_000) {
                revert(string.concat("Deploy: config ", key, ".kinkBps must be 1 to 9999"));
            }
            uint256 total = _uint(string.concat(key, ".baseAprBps")) + _uint(string.concat(key, ".slope1AprBps"))
                + _uint(string.concat(key, ".slope2AprBps"));
            if (total > 100_000) {
                revert(
                    string.concat(
                        "Deploy: config ", key, " base + slope1 + slope2 must be at most 100000 bps (1,000% APR)"
                    )
                );
            }
        }
        uint256 count;
        for (; _has(_at(".lending.markets", count)); ++count) {
            string memory key = _at(".lending.markets", count);
            string memory symbol = _string(string.concat(key, ".collateral"));
            _assetIndex(symbol, string.concat(key, ".collateral"));
            for (uint256 j; j < count; ++j) {
                if (_eq(_string(string.concat(_at(".lending.markets", j), ".collateral")), symbol)) {
                    revert(
                        string.concat("Deploy: config ", key, ".collateral repeats ", symbol, " (one market per asset)")
                    );
                }
            }
            _rateModelIndex(string.concat(key, ".rateModel"));
            uint256 lltv = _uint(string.concat(key, ".lltvBps"));
            if (lltv == 0 || lltv >= 10_000) {
                revert(string.concat("Deploy: config ", key, ".lltvBps must be 1 to 9999"));
            }
            _checkPolicy(string.concat(key, ".policy"));
            if (_uint16(string.concat(key, ".reserveFactorBps")) > 5000) {
                revert(string.concat("Deploy: config ", key, ".reserveFactorBps must be at most 5000"));
            }
            _capOrNone(string.concat(key, ".supplyCapPusd"));
            _capOrNone(string.concat(key, ".borrowCapPusd"));
            if (_uint(string.concat(key, ".minLeftoverPusd")) > type(uint72).max / 1e18) {
                revert(string.concat("Deploy: config ", key, ".minLeftoverPusd must be at most 4722 (whole pUSD)"));
            }
        }
        if (count != 0) {
            string[] memory exempt = _strings(".compliance.exempt");
            bool hubExempt;
            for (uint256 i; i < exempt.length; ++i) {
                if (_eq(exempt[i], "@LendingHub")) hubExempt = true;
            }
            if (!hubExempt) {
                revert(
                    'Deploy: config .compliance.exempt must list "@LendingHub" (the hub holds permissioned collateral)'
                );
            }
        }
    }

    function _checkSavings() internal view {
        string memory s = ".savings";
        if (
            bytes(_string(string.concat(s, ".name"))).length == 0
                || bytes(_string(string.concat(s, ".symbol"))).length == 0
        ) {
            revert("Deploy: config .savings.name and .savings.symbol must be non-empty strings");
        }
        if (_uint(string.concat(s, ".performanceFeeBps")) > 5000) {
            revert("Deploy: config .savings.performanceFeeBps must be at most 5000 (50%)");
        }
        uint256 vesting = _uint32(string.concat(s, ".vestingPeriod"));
        if (vesting < 1 hours || vesting > 90 days) {
            revert("Deploy: config .savings.vestingPeriod must be between 3600 and 7776000 seconds (1 hour to 90 days)");
        }
        _checkAccounts(string.concat(s, ".curators"));
        _checkAccounts(string.concat(s, ".incomeSources"));
        for (uint256 i; _has(_at(".savings.caps", i)); ++i) {
            string memory key = _at(".savings.caps", i);
            _checkMarketSymbol(string.concat(key, ".market"));
            if (_uint(string.concat(key, ".capPusd")) > type(uint96).max / 1e18) {
                revert(
                    string.concat(
                        "Deploy: config ", key, ".capPusd must fit a uint96 in wei (at most 79228162514 pUSD)"
                    )
                );
            }
        }
        string[] memory queue = _strings(".savings.supplyQueue");
        for (uint256 i; i < queue.length; ++i) {
            bool capped;
            for (uint256 j; _has(_at(".savings.caps", j)); ++j) {
                if (_eq(_string(string.concat(_at(".savings.caps", j), ".market")), queue[i])) capped = true;
            }
            if (!capped) {
                revert(
                    string.concat(
                        "Deploy: config .savings.supplyQueue lists ", queue[i], ", which .savings.caps does not cap"
                    )
                );
            }
            for (uint256 j; j < i; ++j) {
                if (_eq(queue[j], queue[i])) {
                    revert(string.concat("Deploy: config .savings.supplyQueue repeats ", queue[i]));
                }
            }
        }
    }

    /// @dev A savings market key names the collateral symbol of a configured lending market.
    function _checkMarketSymbol(string memory key) internal view {
        string memory symbol = _string(key);
        for (uint256 i; _has(_at(".lending.markets", i)); ++i) {
            if (_eq(_string(string.concat(_at(".lending.markets", i), ".collateral")), symbol)) return;
        }
        revert(
            string.concat("Deploy: config ", key, " names ", symbol, ", which no lending.markets entry lends against")
        );
    }

    /// @dev A name used in address book entries: 1 to 31 letters or digits.
    function _checkName(string memory key) internal view {
        bytes memory name = bytes(_string(key));
        bool ok = name.length > 0 && name.length <= 31;
        for (uint256 j; j < name.length; ++j) {
            bytes1 c = name[j];
            if (!((c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9"))) ok = false;
        }
        if (!ok) {
            revert(
                string.concat(
                    "Deploy: config ", key, " must be 1 to 31 letters or digits (it names an address book entry)"
                )
            );
        }
    }

    /// @dev The index in `rwa.assets` of the asset `symbol` (named by config key `key`).
    function _assetIndex(string memory symbol, string memory key) internal view returns (uint256) {
        for (uint256 i; _has(_at(".rwa.assets", i)); ++i) {
            if (_eq(_string(string.concat(_at(".rwa.assets", i), ".symbol")), symbol)) return i;
        }
        revert(string.concat("Deploy: config ", key, " names ", symbol, ", which rwa.assets does not define"));
    }

    /// @dev The index in `lending.rateModels` of the model named at `key`.
    function _rateModelIndex(string memory key) internal view returns (uint256) {
        string memory name = _string(key);
        for (uint256 i; _has(_at(".lending.rateModels", i)); ++i) {
            if (_eq(_string(string.concat(_at(".lending.rateModels", i), ".name")), name)) return i;
        }
        revert(
            string.concat(
                "Deploy: config ", key, " names rate model ", name, ", which lending.rateModels does not define"
            )
        );
    }

    /// @dev A cap in whole pUSD at `key` in wei, or none (`type(uint128).max`) when the key is absent.
    function _capOrNone(string memory key) internal view returns (uint256) {
        if (!_has(key)) return type(uint128).max;
        uint256 cap = _uint(key);
        if (cap > type(uint128).max / 1e18) {
            revert(string.concat("Deploy: config ", key, " does not fit uint128 in wei"));
        }
        return cap * 1e18;
    }

    /// @dev An APR in bps at `key` as a per-second WAD rate (rounded down).
    function _aprBpsToRate(string memory key) internal view returns (uint256) {
        return _uint(key) * 1e14 / 365 days;
    }

    function _checkPayFi() internal view {
        _checkPolicy(".payfi.merchantPolicy");
        uint256[] memory tierFees = _config.readUintArray(".payfi.tierFeesBps");
        if (tierFees.length == 0 || tierFees.length > 8) {
            revert("Deploy: config .payfi.tierFeesBps must list 1 to 8 tiers");
        }
        for (uint256 i; i < tierFees.length; ++i) {
            if (tierFees[i] > 1000) revert("Deploy: config .payfi.tierFeesBps must be at most 1000 (10%) each");
        }
        if (_uint(".payfi.referralShareBps") > 6000) {
            revert("Deploy: config .payfi.referralShareBps must be at most 6000 (60% of the fee)");
        }
        _checkAccounts(".payfi.merchantAdmins");
        _checkAccounts(".payfi.feeAdmins");
        string memory pool = ".payfi.advancePool";
        _checkAccounts(string.concat(pool, ".riskManagers"));
        uint256 minScore = _uint(string.concat(pool, ".minCreditScore"));
        uint256 minRate = _uint(string.concat(pool, ".minAdvanceRateBps"));
        uint256 maxRate = _uint(string.concat(pool, ".maxAdvanceRateBps"));
        uint256 maxDebt = _uint(string.concat(pool, ".maxDebtPerMerchantPusd"));
        if (
            minScore > 1000 || minRate > maxRate || maxRate > 10_000
                || _uint(string.concat(pool, ".discountFeeBps")) > 1000 || maxDebt == 0
                || maxDebt > type(uint128).max / 1e18
        ) {
            revert(
                "Deploy: config .payfi.advancePool needs minCreditScore <= 1000, minAdvanceRateBps <= maxAdvanceRateBps <= 10000, discountFeeBps <= 1000 and maxDebtPerMerchantPusd > 0"
            );
        }
    }

    function _checkIncentives() internal view {
        if (_has(".incentives.uniswap.positionManager")) {
            address manager = _address(".incentives.uniswap.positionManager");
            if (manager.code.length == 0) {
                revert("Deploy: config .incentives.uniswap.positionManager has no code on this chain");
            }
            if (_address(".incentives.uniswap.swapRouter").code.length == 0) {
                revert("Deploy: config .incentives.uniswap.swapRouter has no code on this chain");
            }
        } else {
            if (!_eq(_string(".incentives.uniswap"), "deploy")) {
                revert(
                    'Deploy: config .incentives.uniswap must be "deploy" (dev chains) or {"positionManager": "0x...", "swapRouter": "0x..."}'
                );
            }
            if (!(_has(".devChain") && _config.readBool(".devChain"))) {
                revert('Deploy: incentives.uniswap = "deploy" needs "devChain": true (use the chain\'s own Uniswap v3)');
            }
        }
        uint24 fee = _uint24(".incentives.poolFee");
        if (fee != 100 && fee != 500 && fee != 3000 && fee != 10_000) {
            revert("Deploy: config .incentives.poolFee must be a Uniswap v3 fee tier: 100, 500, 3000 or 10000");
        }
        _checkAccount(".incentives.owner");
        if (_has(".incentives.stream")) {
            _checkAccount(".incentives.stream.refundee");
            int24 band = _int24(".incentives.stream.bandTicks");
            if (band <= 0 || band > 10_000) revert("Deploy: config .incentives.stream.bandTicks must be 1 to 10000");
            uint256 perDay = _uint(".incentives.stream.ratePusdPerDay");
            if (perDay == 0 || perDay * 1e18 / 1 days > type(uint96).max) {
                revert(
                    "Deploy: config .incentives.stream.ratePusdPerDay must be positive and fit a uint96 rate per second"
                );
            }
        }
    }

    /// @dev A policy key names a configured `compliance.policies[].name`, or is "open" (the registry's open policy).
    function _checkPolicy(string memory key) internal view {
        string memory name = _string(key);
        if (_eq(name, "open")) return;
        for (uint256 i; _has(_at(".compliance.policies", i)); ++i) {
            if (_eq(_string(string.concat(_at(".compliance.policies", i), ".name")), name)) return;
        }
        revert(
            string.concat("Deploy: config ", key, " names policy ", name, ", which compliance.policies does not define")
        );
    }

    /// @dev An account key must be `"deployer"`, an address, or `"@Name"` (resolved once that contract exists).
    function _checkAccount(string memory key) internal view {
        string memory value = _string(key);
        if (bytes(value).length < 2 || bytes(value)[0] != "@") _resolve(value, key);
    }

    function _checkAccounts(string memory key) internal view {
        string[] memory values = _strings(key);
        for (uint256 i; i < values.length; ++i) {
            if (bytes(values[i]).length < 2 || bytes(values[i])[0] != "@") _resolve(values[i], key);
        }
    }

    function _checkJurisdictions(string memory key) internal view {
        string[] memory codes = _strings(key);
        for (uint256 i; i < codes.length; ++i) {
            bytes2 code = _jurisdiction(codes[i]);
            if (code[0] < "A" || code[0] > "Z" || code[1] < "A" || code[1] > "Z") {
                revert(string.concat("Deploy: config ", key, " has ", codes[i], ": use ISO 3166-1 alpha-2 (e.g. US)"));
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Address book
    // -------------------------------------------------------------------------------------------------------------

    function _record(string memory name, address at) internal {
        _names.push(name);
        _deployed[name] = at;
        console.log("Deploy: %s %s", name, at);
    }

    /// @dev `block` is the chain's block when the deployment started: a lower bound of each contract's deployment
    /// block (a script cannot see the receipts of what it broadcasts). `tools/deploy.mjs` replaces it with the
    /// exact block from the broadcast receipts.
    function _writeAddressBook(string memory outputPath) internal {
        string memory json = _addressBookJson();
        if (vm.isContext(VmSafe.ForgeContext.ScriptDryRun)) {
            console.log("Deploy: dry run, address book not written to %s:", outputPath);
            console.log(json);
            return;
        }
        vm.writeFile(outputPath, json);
        console.log("Deploy: address book written to %s", outputPath);
    }

    function _addressBookJson() internal view returns (string memory json) {
        json = string.concat(
            '{\n  "chainId": ', vm.toString(block.chainid), ',\n  "network": "', _network, '",\n  "contracts": {'
        );
        for (uint256 i; i < _names.length; ++i) {
            json = string.concat(
                json,
                i == 0 ? "\n" : ",\n",
                '    "',
                _names[i],
                '": { "address": "',
                vm.toString(_deployed[_names[i]]),
                '", "block": ',
                vm.toString(_startBlock),
                " }"
            );
        }
        json = string.concat(json, "\n  }\n}\n");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Config readers (with the key in every error)
    // -------------------------------------------------------------------------------------------------------------

    function _has(string memory key) internal view returns (bool) {
        return vm.keyExistsJson(_config, key);
    }

    function _require(string memory key) internal view {
        if (!_has(key)) revert(string.concat("Deploy: config is missing ", key));
    }

    function _at(string memory key, uint256 index) internal pure returns (string memory) {
        return string.concat(key, "[", vm.toString(index), "]");
    }

    function _string(string memory key) internal view returns (string memory) {
        _require(key);
        return _config.readString(key);
    }

    function _strings(string memory key) internal view returns (string[] memory) {
        if (!_has(key)) return new string[](0);
        return _config.readStringArray(key);
    }

    function _uint(string memory key) internal view returns (uint256) {
        _require(key);
        return _config.readUint(key);
    }

    function _uint8(string memory key) internal view returns (uint8) {
        uint256 value = _uint(key);
        if (value > type(uint8).max) revert(string.concat("Deploy: config ", key, " does not fit uint8"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint8(value);
    }

    function _uint16(string memory key) internal view returns (uint16) {
        uint256 value = _uint(key);
        if (value > type(uint16).max) revert(string.concat("Deploy: config ", key, " does not fit uint16"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint16(value);
    }

    function _uint24(string memory key) internal view returns (uint24) {
        uint256 value = _uint(key);
        if (value > type(uint24).max) revert(string.concat("Deploy: config ", key, " does not fit uint24"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint24(value);
    }

    function _uint32(string memory key) internal view returns (uint32) {
        uint256 value = _uint(key);
        if (value > type(uint32).max) revert(string.concat("Deploy: config ", key, " does not fit uint32"));
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(value);
    }

    function _int24(string memory key) internal view returns (int24) {
        _require(key);
        int256 value = _config.readInt(key);
        if (value < type(int24).min || value > type(int24).max) {
            revert(string.concat("Deploy: config ", key, " does not fit int24"));
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return int24(value);
    }

    /// @dev A policy id from its config name: keccak256(name), or the open policy (0) for "open".
    function _policyId(string memory name) internal pure returns (bytes32) {
        return _eq(name, "open") ? bytes32(0) : keccak256(bytes(name));
    }

    /// @dev NavOracle feed parameters from `<key>.{quorum, maxMoveBps, …, slashAmountPusd, minBondPusd}`, checked
    /// against the oracle's rules so a bad config fails before any transaction.
    function _feedParams(string memory key) internal view returns (INavOracle.FeedParams memory params) {
        params.quorum = _uint8(string.concat(key, ".quorum"));
        params.maxMoveBps = _uint16(string.concat(key, ".maxMoveBps"));
        params.toleranceBps = _uint16(string.concat(key, ".toleranceBps"));
        params.jailThreshold = _uint8(string.concat(key, ".jailThreshold"));
        params.heartbeat = _uint32(string.concat(key, ".heartbeat"));
        params.roundTimeout = _uint32(string.concat(key, ".roundTimeout"));
        params.minRoundInterval = _uint32(string.concat(key, ".minRoundInterval"));
        uint256 slash = _uint(string.concat(key, ".slashAmountPusd"));
        uint256 minBond = _uint(string.concat(key, ".minBondPusd"));
        if (params.quorum == 0 || params.quorum > 31) {
            revert(string.concat("Deploy: config ", key, ".quorum must be 1 to 31"));
        }
        if (
            params.maxMoveBps == 0 || params.maxMoveBps > 10_000 || params.toleranceBps == 0
                || params.toleranceBps > 10_000
        ) {
            revert(string.concat("Deploy: config ", key, ".maxMoveBps and .toleranceBps must be 1 to 10000"));
        }
        if (params.jailThreshold == 0) {
            revert(string.concat("Deploy: config ", key, ".jailThreshold must be at least 1"));
        }
        if (params.heartbeat == 0 || params.roundTimeout == 0) {
            revert(string.concat("Deploy: config ", key, ".heartbeat and .roundTimeout must be positive"));
        }
        if (minBond == 0 || minBond > type(uint128).max / 1e18 || slash > type(uint128).max / 1e18) {
            revert(
                string.concat(
                    "Deploy: config ", key, ".minBondPusd must be positive (and both bond amounts fit uint128)"
                )
            );
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        params.slashAmount = uint128(slash * 1e18);
        // forge-lint: disable-next-line(unsafe-typecast)
        params.minBond = uint128(minBond * 1e18);
    }

    function _adminDelay() internal view returns (uint48) {
        uint256 value = _uint(".roles.adminDelay");
        if (value > type(uint48).max) revert("Deploy: config .roles.adminDelay does not fit uint48");
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint48(value);
    }

    /// @dev An account in the config: `"deployer"`, `"@ContractName"` (deployed earlier in this run) or an address.
    function _address(string memory key) internal view returns (address) {
        return _resolve(_string(key), key);
    }

    function _addresses(string memory key) internal view returns (address[] memory accounts) {
        string[] memory values = _strings(key);
        accounts = new address[](values.length);
        for (uint256 i; i < values.length; ++i) {
            accounts[i] = _resolve(values[i], key);
        }
    }

    function _resolve(string memory value, string memory key) internal view returns (address account) {
        bytes memory raw = bytes(value);
        if (_eq(value, "deployer")) return deployer;
        if (raw.length > 1 && raw[0] == "@") {
            bytes memory name = new bytes(raw.length - 1);
            for (uint256 i; i < name.length; ++i) {
                name[i] = raw[i + 1];
            }
            account = _deployed[string(name)];
            if (account == address(0)) {
                revert(string.concat("Deploy: config ", key, " names ", value, ", which is not deployed (yet)"));
            }
            return account;
        }
        if (raw.length != 42 || raw[0] != "0" || raw[1] != "x") {
            revert(string.concat("Deploy: config ", key, ' must be "deployer", "@Contract" or an address: ', value));
        }
        account = vm.parseAddress(value);
        if (account == address(0)) revert(string.concat("Deploy: config ", key, " is the zero address"));
    }

    function _jurisdiction(string memory code) internal pure returns (bytes2) {
        bytes memory raw = bytes(code);
        if (raw.length != 2) revert(string.concat("Deploy: jurisdiction must be two letters: ", code));
        return bytes2(raw);
    }

    /// @dev Chains where `"usdc": "mock"` is refused: a faucet token must never back pUSD where value is real.
    function _isMainnet() internal view returns (bool) {
        uint256 id = block.chainid;
        return id == 1 || id == 10 || id == 56 || id == 100 || id == 137 || id == 8453 || id == 42_161 || id == 43_114;
    }

    function _eq(string memory a, string memory b) internal pure returns (bool) {
        return keccak256(bytes(a)) == keccak256(bytes(b));
    }
}
